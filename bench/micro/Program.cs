using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Languru.Bench.Micro.Canned).Assembly).Run(args);
