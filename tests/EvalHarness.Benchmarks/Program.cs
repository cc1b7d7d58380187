using BenchmarkDotNet.Running;
using EvalHarness.Benchmarks.Engine;

if (args.Length > 0 && args[0] == "ttft-accuracy") return await TtftAccuracy.RunAsync();
BenchmarkSwitcher.FromAssembly(typeof(EngineOverheadBenchmarks).Assembly).Run(args);
return 0;
