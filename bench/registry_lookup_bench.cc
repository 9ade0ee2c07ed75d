// Registry lookup latency on a database the size of an RIR's inetnum dump:
// 100k allocations (/20), each with 5 assignments (/24) below it, plus the
// RIR statistics block above every 16 allocations, and IRT / role contacts.
#include <benchmark/benchmark.h>

#include <random>

#include "engine/registry_lookup.h"

namespace alcor::registry {
namespace {

constexpr uint32_t kAllocations = 100000;

RegistryData make_data() {
  RegistryData data;
  ImportBatch stats, dump;
  stats.kind = SourceKind::kDelegatedStats;
  for (uint32_t a = 0; a < kAllocations; ++a) {
    const uint32_t base = 0x01000000u + (a << 12);  // consecutive /20s from 1.0.0.0
    if (a % 16 == 0) {
      Network rir;
      rir.range = *v4_count_range(IpAddress::from_v4(base), 16u << 12);
      rir.source = "apnic";
      rir.status = "allocated";
      stats.networks.push_back(rir);
    }
    Network alloc;
    alloc.range = *prefix_range(IpAddress::from_v4(base), 20);
    alloc.source = "APNIC";
    alloc.netname = "NET-" + std::to_string(a);
    alloc.holder = "Provider " + std::to_string(a);
    alloc.status = "ALLOCATED PORTABLE";
    classify_status(alloc.status, &alloc.delegation, &alloc.portability);
    alloc.refs = {{"mnt-irt", "IRT-NIC-JP"}, {"admin-c", "R" + std::to_string(a)}};
    alloc.remarks = {"Email address for spam or abuse complaints : abuse@p" + std::to_string(a) + ".example"};
    dump.networks.push_back(alloc);
    for (uint32_t s = 0; s < 5; ++s) {
      Network assign = alloc;
      assign.range = *prefix_range(IpAddress::from_v4(base + (s << 8)), 24);
      assign.status = "ASSIGNED NON-PORTABLE";
      classify_status(assign.status, &assign.delegation, &assign.portability);
      assign.refs = {{"abuse-c", "R" + std::to_string(a)}};
      dump.networks.push_back(assign);
    }
    dump.contacts.push_back({0, "R" + std::to_string(a), "role", "Provider NOC", {}, {"noc@example.net"}, {}, {}, {}});
  }
  dump.contacts.push_back({0, "IRT-NIC-JP", "irt", "IRT-NIC-JP", {"hostmaster@nic.ad.jp"}, {}, {}, {}, {}});
  stats.data_date = dump.data_date = "2026-11-27";
  data.add(std::move(stats), "delegated", "s1", "now");
  data.add(std::move(dump), "dump", "s2", "now");
  return data;
}

const RegistryIndex& shared_index() {
  static const RegistryIndex index(make_data());
  return index;
}

std::vector<IpAddress> probes() {
  std::mt19937 rng(42);
  std::vector<IpAddress> out;
  for (int i = 0; i < 4096; ++i) {
    uint32_t offset = rng() % (kAllocations << 12);
    out.push_back(IpAddress::from_v4(0x01000000u + offset));
  }
  return out;
}

void BM_RegistryIndexBuild(benchmark::State& state) {
  const RegistryData data = make_data();
  for (auto _ : state) {
    RegistryIndex index(data);
    benchmark::DoNotOptimize(index.data().networks.size());
  }
  state.counters["networks"] = static_cast<double>(data.networks.size());
}
BENCHMARK(BM_RegistryIndexBuild)->Unit(benchmark::kMillisecond);

void BM_RegistryCovering(benchmark::State& state) {
  const RegistryIndex& index = shared_index();
  const auto ips = probes();
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(index.covering(ips[i++ % ips.size()]));
}
BENCHMARK(BM_RegistryCovering);

// The whole answer: chain, abuse-contact rules, address book, notes.
void BM_RegistryWhois(benchmark::State& state) {
  const RegistryIndex& index = shared_index();
  const auto ips = probes();
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(index.whois(ips[i++ % ips.size()]));
}
BENCHMARK(BM_RegistryWhois);

}  // namespace
}  // namespace alcor::registry
