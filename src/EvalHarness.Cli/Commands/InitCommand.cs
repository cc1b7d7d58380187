using System.CommandLine;
using EvalHarness.Core.Configuration;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Reporting;
using EvalHarness.Core;
using EvalHarness.Core.Files;

namespace EvalHarness.Cli.Commands;

/// <summary>
/// <c>evalharness init [--out FILE] [--force]</c>: writes a commented starter evalsettings.json (an endpoint, a model,
/// a suite, a budget and a <c>Prices</c> example). Never overwrites a file without <c>--force</c>.
/// </summary>
internal static class InitCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "File to write (default: ./evalsettings.json, which every verb run in this folder reads)", DefaultValueFactory = _ => SettingsLoader.FileName };
        var force = new Option<bool>("--force") { Description = "Overwrite the file if it exists" };
        var command = new Command("init", "Write a commented starter evalsettings.json (endpoint, model, suite, budget and a Prices example)") { output, force };
        command.SetAction((parse, ct) => CliRunner.GuardAsync(() =>
        {
            var path = parse.GetValue(output)!;
            if (Directory.Exists(path)) throw new EvalInputException($"{path}: is a folder; --out takes a file name");
            if (File.Exists(path) && !parse.GetValue(force)) throw new EvalInputException($"{path}: already exists; pass --force to overwrite it");
            AtomicFile.WriteAllText(path, StarterSettings.Text);
            System.Console.WriteLine($"wrote {path}: a starter configuration (comments explain every entry); try `evalharness list`, then `evalharness run`");
            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }
}

/// <summary>The starter evalsettings.json: JSON with comments (the settings loader accepts // and /* */ comments).</summary>
internal static class StarterSettings
{
    public const string Text = """
        // evalsettings.json, written by `evalharness init`.
        // Layered over the evalsettings.json shipped beside the binary: only what is set here changes (`evalharness list`
        // shows the result). JSON with comments: // and /* */ comments and trailing commas are fine. Every key is checked:
        // a misspelt one is refused with exit code 2, naming the nearest valid key. Any key can also be overridden with
        // --set Section:Key=Value or an EVALHARNESS__Section__Key environment variable.
        {
          // Seed for generated samples: the same seed and options give the same prompts on any machine.
          "Seed": 42,
          // Run folders go to <ResultsDir>/<run-id>/.
          "ResultsDir": "results",
          // The suite `evalharness run` uses without --suite.
          "DefaultSuite": "starter",

          "Models": {
            // A model on an OpenAI-compatible endpoint (vLLM, Ollama, llama.cpp, a hosted API...).
            //   BaseUrl:   "openai" (OPENAI_BASE_URL, else api.openai.com), "simulator" (built in, no network)
            //              or any URL ending in /v1.
            //   Model:     the id the endpoint serves (default: the name of this entry).
            //   ApiKeyRef: the NAME of the environment variable or user secret holding the key, never the key
            //              itself; "none" for a local server without a key.
            "my-model": {
              "BaseUrl": "http://127.0.0.1:8000/v1",
              "Model": "Qwen/Qwen3-8B",
              "ApiKeyRef": "none",
              "Concurrency": 4,               // requests in flight at once
              "TimeoutSeconds": 600,          // per request
              "ReasoningHeadroomTokens": 8000 // extra output tokens for a model that thinks before answering
            },
            // A hosted model: export OPENAI_API_KEY=... (or `dotnet user-secrets set OPENAI_API_KEY ...`).
            "gpt-4.1-nano": { "BaseUrl": "openai", "ApiKeyRef": "OPENAI_API_KEY", "Concurrency": 8, "TimeoutSeconds": 600 }
          },

          // USD per 1M tokens, dated. The published OpenAI prices are built in; an entry here adds a model or overrides
          // a built-in one. A model without a price shows a blank cost (the simulator is free).
          "Prices": {
            "my-model": { "Input": 0.10, "CachedInput": 0.025, "Output": 0.40, "Date": "2026-01-01", "Source": "my provider's price page" }
          },

          // A run whose cost upper bound (see `run --dry-run`) exceeds this does not start without --yes.
          "Budget": { "MaxUsdPerRun": 5 },

          "Suites": {
            "starter": {
              "Description": "Every eval, small: a first look at a model in a few minutes",
              // The built-in simulator, so `evalharness run` works at once; add "my-model" once its endpoint is up
              // (or pass --models my-model).
              "Models": [ "sim-oracle" ],
              // Evals and their options (`evalharness list` names them; -o eval.key=value overrides one for a run).
              "Evals": {
                "niah": { "preset": "smoke" },
                "mrcr": { "bins": "4096-8192", "samples_per_bin": "2" },
                "graphwalks": { "token_targets": "2000", "samples_per_target": "3" },
                "ifeval": { "source": "builtin" }
              }
            }
          }
        }

        """;
}
