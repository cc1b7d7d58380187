using BenchmarkDotNet.Running;
using EvalHarness.Benchmarks.Engine;

if (args.Length > 0 && args[0] == "ttft-accuracy")
{
    return await TtftAccuracy.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 4);
}
BenchmarkSwitcher.FromAssembly(typeof(EngineOverheadBenchmarks).Assembly).Run(args);
return 0;
