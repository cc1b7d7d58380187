using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EvalHarness.Cli.Tests;

/// <summary>
/// `pwsh run-evals.ps1` end to end on the simulator: every example in the script's header, as typed in PowerShell,
/// with its exit code and the arguments that reached `evalharness run` (manifest.json's command line); the binding
/// traps from a shell (`-File`); a clean night, a regression (exit 3) and a dead endpoint (exit 4) against a baseline.
/// The script runs this test build (EVALHARNESS_CLI) instead of building. Skips when pwsh is absent, except on CI.
/// </summary>
public sealed partial class RunEvalsScriptTests
{
    /// <summary>The header's examples, in order; the header must list exactly these.</summary>
    private static readonly string[] HeaderForms =
    [
        "",
        "-Suite default -Models sim-oracle,sim-window-8k",
        "-Out results/nightly-1",
        "-Models sim-oracle -- --evals niah -o niah.preset=smoke --limit 3",
        "-Out results/nightly-2 -Baseline results/nightly-1",
        "-Baseline results/nightly-1,results/nightly-2",
        "-Out results/nightly-3 -BaselineHistory -Trend results/trend.html",
    ];

    // 33 NIAH samples; 11 needles lie outside the 8K window (GateProcessTests: a 33-point drop).
    private static readonly string[] Niah33 = ["--evals", "niah", "-o", "niah.context_lengths=2000,12000,24000", "-o", "niah.depths=0,10,20,30,40,50,60,70,80,90,100"];

    [GeneratedRegex(@"^#\s+\./run-evals\.ps1(?<args>[^#]*)")]
    private static partial Regex HeaderExample();

    private static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "run-evals.ps1"))) return dir.FullName;
            }
            throw new InvalidOperationException("run-evals.ps1 not found above " + AppContext.BaseDirectory);
        }
    }

    private static string Script => Path.Combine(RepoRoot, "run-evals.ps1");

    [Fact]
    public void TheHeaderListsExactlyTheTestedForms()
    {
        var examples = File.ReadLines(Script).TakeWhile(l => l.StartsWith('#'))
            .Select(l => HeaderExample().Match(l)).Where(m => m.Success).Select(m => m.Groups["args"].Value.Trim()).ToList();
        Assert.Equal(HeaderForms, examples);
    }

    [Fact]
    public async Task EveryHeaderFormTypedInPowerShellExitsWithItsCodeAndForwardsItsArguments()
    {
        var pwsh = RequirePwsh();
        var ct = TestContext.Current.CancellationToken;
        var work = CliProcess.NewTempDirectory();

        async Task<(string Folder, string Stdout)> Form(int index, int expectedExit)
        {
            var before = RunFolders(work);
            var (exit, stdout, stderr) = await PwshAsync(pwsh, work, ct, "-Command", $"& '{Script.Replace("'", "''", StringComparison.Ordinal)}' {HeaderForms[index]}".TrimEnd());
            Assert.True(exit == expectedExit, $"form {index} `{HeaderForms[index]}`: exit {exit}\n{stdout}\n{stderr}");
            var added = Assert.Single(RunFolders(work).Except(before, StringComparer.Ordinal));
            return (added, stdout);
        }

        var (folder, _) = await Form(0, 0);
        Assert.Equal("evalharness run", CommandLine(folder));
        Assert.Equal("default", Manifest(folder).GetProperty("suite").GetString());

        (folder, _) = await Form(1, 0);
        Assert.Equal("evalharness run --suite default --models sim-oracle,sim-window-8k", CommandLine(folder));
        Assert.Equal(new[] { "sim-oracle", "sim-window-8k" }, Manifest(folder).GetProperty("models").EnumerateArray().Select(m => m.GetProperty("name").GetString()).ToArray());

        (folder, _) = await Form(2, 0);
        Assert.Equal(Path.Combine(work, "results", "nightly-1"), folder);
        Assert.Equal("evalharness run --out results/nightly-1", CommandLine(folder));

        (folder, _) = await Form(3, 0);
        Assert.Equal("evalharness run --models sim-oracle --evals niah -o niah.preset=smoke --limit 3", CommandLine(folder));
        var niah = Assert.Single(Manifest(folder).GetProperty("evals").EnumerateArray());
        Assert.Equal("smoke", niah.GetProperty("options").GetProperty("preset").GetString());
        Assert.Equal(3, niah.GetProperty("limit").GetInt32());
        Assert.Empty(Directory.GetDirectories(work, "*preset*", SearchOption.AllDirectories));

        string stdoutText;
        (folder, stdoutText) = await Form(4, 0);
        Assert.Equal(Path.Combine(work, "results", "nightly-2"), folder);
        Assert.Contains($"evalharness gate results/nightly-2 --baseline results/nightly-1{Environment.NewLine}GATE: PASS", stdoutText, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder, "gate", "gate.junit.xml")));
        Assert.Contains("<strong>GATE: PASS</strong>", await File.ReadAllTextAsync(Path.Combine(folder, "report.html"), ct), StringComparison.Ordinal);

        (folder, stdoutText) = await Form(5, 0);
        Assert.Contains("GATE: PASS", stdoutText, StringComparison.Ordinal);
        Assert.Contains("pooled per sample over 2 runs", stdoutText, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder, "gate", "gate.md")));

        // Every run recorded itself in results/history.db; accept night 1, then gate against the history and write the trend.
        var nightOne = Manifest(Path.Combine(work, "results", "nightly-1")).GetProperty("run_id").GetString()!;
        var (acceptExit, acceptOut, acceptErr) = await CliProcess.RunAsync(work, null, ct, "history", "accept", nightOne);
        Assert.True(acceptExit == 0, $"history accept: exit {acceptExit}\n{acceptOut}\n{acceptErr}");
        (folder, stdoutText) = await Form(6, 0);
        Assert.Equal(Path.Combine(work, "results", "nightly-3"), folder);
        Assert.Contains($"evalharness gate results/nightly-3 --baseline-history 1{Environment.NewLine}GATE: PASS", stdoutText, StringComparison.Ordinal);
        var trend = await File.ReadAllTextAsync(Path.Combine(work, "results", "trend.html"), ct);
        Assert.Contains(nightOne, trend, StringComparison.Ordinal);
        Assert.Contains(Manifest(folder).GetProperty("run_id").GetString()!, trend, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FromAShellOptionsAreNeverPrefixMatchedAndEverythingAfterDashDashArrivesVerbatim()
    {
        var pwsh = RequirePwsh();
        var ct = TestContext.Current.CancellationToken;
        var work = CliProcess.NewTempDirectory();

        // `-o` before `--` is forwarded, not bound to -Out; script parameters are matched by their full name in any case.
        var (exit, stdout, stderr) = await PwshAsync(pwsh, work, ct, "-File", Script, "-models", "sim-oracle", "-Out", "results/o", "-o", "niah.preset=smoke", "--evals", "niah", "--limit", "2");
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Equal("evalharness run --models sim-oracle --out results/o -o niah.preset=smoke --evals niah --limit 2", CommandLine(Path.Combine(work, "results", "o")));
        Assert.Equal(new[] { "o" }, RunFolders(work).Select(f => Path.GetFileName(f)).ToArray());

        // After `--`, even a script parameter's name goes to the CLI (which refuses it: exit 2, nothing gated).
        (exit, stdout, stderr) = await PwshAsync(pwsh, work, ct, "-File", Script, "-Baseline", "results/o", "--", "-Out", "results/p");
        Assert.True(exit == 2, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Contains("-Out", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("GATE", stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(work, "results", "p")));

        // Bad script arguments: one line, exit 2, nothing run.
        foreach (var (args, message) in new[]
        {
            (new[] { "-Models" }, "run-evals.ps1: -Models needs a value"),
            (["-Baseline", "results/none"], "run-evals.ps1: -Baseline results/none: no such run folder"),
            (["-Out", "a", "-out", "b"], "run-evals.ps1: -Out given twice"),
        })
        {
            (exit, stdout, stderr) = await PwshAsync(pwsh, work, ct, ["-File", Script, .. args]);
            Assert.True(exit == 2, $"{string.Join(' ', args)}: exit {exit}\n{stdout}\n{stderr}");
            Assert.Equal(message, stderr.Trim());
        }
        Assert.Equal(new[] { "o" }, RunFolders(work).Select(f => Path.GetFileName(f)).ToArray());
    }

    [Fact]
    public async Task AWorseNightExits3AndADeadEndpointExits4WithoutAStatisticalVerdict()
    {
        var pwsh = RequirePwsh();
        var ct = TestContext.Current.CancellationToken;
        var work = CliProcess.NewTempDirectory();
        var baseline = Path.Combine(work, "baseline");
        var (exit, stdout, stderr) = await CliProcess.RunAsync(work, null, ct, ["run", "--plain", "--models", "sim-oracle", "--out", baseline, .. Niah33]);
        Assert.True(exit == 0, $"baseline: exit {exit}\n{stdout}\n{stderr}");

        // The same model again: the gate passes.
        (exit, stdout, stderr) = await PwshAsync(pwsh, work, ct, ["-File", Script, "-Models", "sim-oracle", "-Out", "same", "-Baseline", baseline, "--", .. Niah33]);
        Assert.True(exit == 0, $"same: exit {exit}\n{stdout}\n{stderr}");
        Assert.Contains("GATE: PASS", stdout, StringComparison.Ordinal);

        // A smaller window: a third of the needles lost, the gate fails the night.
        (exit, stdout, stderr) = await PwshAsync(pwsh, work, ct, ["-File", Script, "-Models", "sim-window-8k", "-Out", "drop", "-Baseline", baseline, "--", .. Niah33]);
        Assert.True(exit == 3, $"drop: exit {exit}\n{stdout}\n{stderr}");
        Assert.Contains("GATE: FAIL", stdout, StringComparison.Ordinal);
        Assert.Contains("FAIL", await File.ReadAllTextAsync(Path.Combine(work, "drop", "gate", "gate.md"), ct), StringComparison.Ordinal);

        // A model whose endpoint refuses connections: the run completes with errors (1), the gate's guard trips (4).
        var url = $"http://127.0.0.1:{ClosedPort()}/v1";
        (exit, stdout, stderr) = await PwshAsync(pwsh, work, ct,
            ["-File", Script, "-Models", "sim-oracle", "-Out", "dead", "-Baseline", baseline, "--", .. Niah33,
             "--set", $"Models:sim-oracle:BaseUrl={url}", "--set", "Models:sim-oracle:ApiKeyRef=none"]);
        Assert.True(exit == 4, $"dead: exit {exit}\n{stdout}\n{stderr}");
        var dead = Manifest(Path.Combine(work, "dead"));
        Assert.Equal(url, Assert.Single(dead.GetProperty("models").EnumerateArray()).GetProperty("base_url").GetString());
        Assert.Equal(33, dead.GetProperty("counts").GetProperty("errors").GetInt32());
        Assert.True(dead.GetProperty("counts").GetProperty("not_sent").GetInt32() > 0, "the lane breaker stopped sending"); // the rest never left
        Assert.Contains("GATE: GUARD", stdout, StringComparison.Ordinal);
        Assert.Contains("error_rate", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("  cell ", stdout, StringComparison.Ordinal); // no statistical verdict

        // A run that cannot start (bad input) exits with its own code and is not gated.
        (exit, stdout, stderr) = await PwshAsync(pwsh, work, ct, "-File", Script, "-Out", "bad", "-Baseline", baseline, "--", "--evals", "niah", "--limit", "0");
        Assert.True(exit == 2, $"bad: exit {exit}\n{stdout}\n{stderr}");
        Assert.Contains("--limit", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("GATE", stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(work, "bad", "gate")));
    }

    private static JsonElement Manifest(string folder)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "manifest.json")));
        return doc.RootElement.Clone();
    }

    private static string? CommandLine(string folder) => Manifest(folder).GetProperty("command_line").GetString();

    private static List<string> RunFolders(string work)
    {
        var results = Path.Combine(work, "results");
        return Directory.Exists(results) ? Directory.GetDirectories(results).Order(StringComparer.Ordinal).ToList() : [];
    }

    /// <summary>A local port nothing listens on (bound, then released).</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string RequirePwsh()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append(Path.Combine(home, ".dotnet", "tools"))
            .Select(dir => Path.Combine(dir, OperatingSystem.IsWindows() ? "pwsh.exe" : "pwsh"));
        if (candidates.FirstOrDefault(File.Exists) is { } found) return found;
        const string Install = "dotnet tool install --global PowerShell --version 7.6.10";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Assert.Fail($"pwsh is missing on CI: install it first ({Install})");
        Assert.Skip($"pwsh is not installed ({Install})");
        return "";
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> PwshAsync(string pwsh, string work, CancellationToken ct, params string[] args)
    {
        var info = new ProcessStartInfo(pwsh)
        {
            WorkingDirectory = work,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in (string[])["-NoProfile", "-NonInteractive", .. args]) info.ArgumentList.Add(a);
        info.Environment.Remove("OPENAI_API_KEY");
        info.Environment.Remove("OPENAI_BASE_URL");
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("EVALHARNESS__", StringComparison.Ordinal)).ToList()) info.Environment.Remove(key);
        info.Environment["EVALHARNESS_CLI"] = CliProcess.CliDll;
        info.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
        info.Environment["POWERSHELL_UPDATECHECK"] = "Off";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return (process.ExitCode, await stdout, await stderr);
    }
}
