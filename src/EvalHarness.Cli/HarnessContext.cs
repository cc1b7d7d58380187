using EvalHarness.Core.Configuration;
using EvalHarness.Core.Evaluators;

using EvalHarness.Core.Models;
using EvalHarness.Simulator;
using Microsoft.Extensions.Configuration;
using EvalHarness.Core;

namespace EvalHarness.Cli;

/// <summary>Loaded configuration plus the lazily started in-process simulator that simulator models talk to.</summary>
internal sealed class HarnessContext : IAsyncDisposable
{
    private SimulatorServer? _simulator;

    private HarnessContext(IConfigurationRoot config, HarnessSettings settings, SecretRedactor redactor)
    {
        Config = config;
        Settings = settings;
        Redactor = redactor;
    }

    /// <summary>The configured secrets (every key an ApiKeyRef resolves to, whatever its name), masked by value.</summary>
    public SecretRedactor Redactor { get; }

    public IConfigurationRoot Config { get; }

    public HarnessSettings Settings { get; }

    public static HarnessContext Load(string? configFile, IEnumerable<string> sets)
    {
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var set in sets)
        {
            var eq = set.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) throw new EvalInputException($"--set '{set}': expected Key=Value (use ':' between sections, e.g. Models:gpt-4.1:Concurrency=4)");
            overrides[set[..eq].Trim()] = set[(eq + 1)..];
        }
        var sections = new Dictionary<string, Type> { [Simulator.SimulatorOptions.SectionName] = typeof(SimulatorOptions) };
        var config = SettingsLoader.Build(configFile, overrides, typeof(HarnessContext).Assembly, sections);
        // Before binding: a binder error may quote a value.
        var redactor = SecretRedactor.FromConfiguration(config, []);
        Console.RedactingTextWriter.Redactor = redactor;
        var settings = SettingsLoader.Bind(config);
        redactor = SecretRedactor.FromConfiguration(config, settings.Models.Values);
        Console.RedactingTextWriter.Redactor = redactor;
        return new HarnessContext(config, settings, redactor);
    }

    /// <summary>Creates the client, resolving endpoint and key; fails with exit code 2 before anything is sent.</summary>
    public async Task<(IModelClient Client, string BaseUrl)> CreateClientAsync(ModelSettings model, CancellationToken ct)
    {
        if (model.IsSimulator)
        {
            var url = await GetSimulatorUrlAsync(ct).ConfigureAwait(false);
            var client = new OpenAIChatModelClient(model, url, "simulator-needs-no-key");
            // One unjournaled request so the SDK's first-call JIT does not land in the first samples' TTFT.
            // Only for the simulator: a warm-up against a real provider would cost money.
            try
            {
                await client.CompleteAsync(new ModelRequest([new ChatMessage("user", "warm up")], 1, 0), ct).ConfigureAwait(false);
            }
            catch (ModelCallException)
            {
                // A model id the simulator does not serve, or injected faults: the run reports it per sample.
            }
            return (new RedactingModelClient(client, Redactor), "simulator");
        }
        var baseUrl = SettingsLoader.ResolveBaseUrl(model, Config);
        var key = SettingsLoader.ResolveApiKey(model, Config);
        // A server may echo the key in an error message: masked before the engine sees it.
        return (new RedactingModelClient(new OpenAIChatModelClient(model, baseUrl, key), Redactor), Redactor.Redact(baseUrl.ToString()));
    }

    /// <summary>
    /// Base URL, key and a display name (host only, masked) of a model's endpoint, for the start-of-run model-list check;
    /// starts the in-process simulator for simulator models (nothing is sent to it yet).
    /// </summary>
    public async Task<(Uri BaseUrl, string ApiKey, string Endpoint)> ResolveEndpointAsync(ModelSettings model, CancellationToken ct)
    {
        if (model.IsSimulator) return (await GetSimulatorUrlAsync(ct).ConfigureAwait(false), "simulator-needs-no-key", "the simulator");
        var baseUrl = SettingsLoader.ResolveBaseUrl(model, Config);
        return (baseUrl, SettingsLoader.ResolveApiKey(model, Config), Redactor.Redact(baseUrl.Authority));
    }

    public SimulatorOptions SimulatorOptions()
    {
        var options = new SimulatorOptions();
        SettingsLoader.BindSection(Config.GetSection("Simulator"), options);
        return options;
    }

    private async Task<Uri> GetSimulatorUrlAsync(CancellationToken ct)
    {
        _simulator ??= await SimulatorServer.StartAsync(SimulatorOptions(), Simulator.Solvers.SolverRegistry.From(EvalCatalog.Current), 0, ct).ConfigureAwait(false);
        return _simulator.BaseUrl;
    }

    public async ValueTask DisposeAsync()
    {
        if (_simulator is not null) await _simulator.DisposeAsync().ConfigureAwait(false);
    }
}
