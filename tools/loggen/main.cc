// Temporary placeholder; the generator lands on its own branch.
int main() { return 1; }
