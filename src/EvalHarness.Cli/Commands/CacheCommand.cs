using System.CommandLine;
using System.Globalization;
using EvalHarness.Core.Caching;
using EvalHarness.Core.Configuration;

namespace EvalHarness.Cli.Commands;

/// <summary>
/// <c>evalharness cache [info|clear]</c>: the response cache that <c>run --cache</c> (or Cache:Enabled) reads and fills
/// (results/cache.db, or Cache:Path, or --path).
/// </summary>
internal static class CacheCommand
{
    public static Command Create()
    {
        var info = Verb("info", "Entries, stored bytes and the file's path and size (default)", InfoAsync);
        var command = new Command("cache", "Response cache (SQLite): what `run --cache` answers from; show or clear it")
        {
            info, Verb("clear", "Remove every entry (the file stays, emptied)", ClearAsync),
        };
        foreach (var option in info.Options) command.Options.Add(option);
        command.Action = info.Action;
        return command;
    }

    private static Command Verb(string name, string description, Func<string, CacheSettings, CancellationToken, Task<int>> action)
    {
        var path = new Option<string?>("--path") { Description = "Cache database (default: Cache:Path, results/cache.db)" };
        var config = CommonOptions.Config();
        var set = CommonOptions.Set();
        var command = new Command(name, description) { path, config, set };
        command.SetAction((parse, ct) => CliRunner.GuardAsync(async () =>
        {
            await using var context = HarnessContext.Load(parse.GetValue(config), parse.GetValue(set) ?? []);
            var settings = new CacheSettings();
            SettingsLoader.BindSection(CacheSettings.Section(context.Config), settings);
            settings.Validate();
            return await action(settings.ResolvePath(context.Settings.ResultsDir, parse.GetValue(path)), settings, ct);
        }));
        return command;
    }

    private static async Task<int> InfoAsync(string path, CacheSettings settings, CancellationToken ct)
    {
        if (!ResponseCache.Exists(path))
        {
            CliApp.Out.WriteLine($"{path}: no response cache yet (0 entries); `run --cache` creates it");
            return ExitCodes.Success;
        }
        await using var cache = await ResponseCache.OpenAsync(path, settings, ct);
        var info = await cache.InfoAsync(ct);
        CliApp.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"path: {info.Path}\nentries: {info.Entries}\nbytes: {info.Bytes}\nfile_bytes: {info.FileBytes}\nlimits: max_bytes={Limit(settings.MaxBytes)}, max_entries={Limit(settings.MaxEntries)}"));
        return ExitCodes.Success;
    }

    private static async Task<int> ClearAsync(string path, CacheSettings settings, CancellationToken ct)
    {
        if (!ResponseCache.Exists(path))
        {
            CliApp.Out.WriteLine($"{path}: no response cache; nothing to clear");
            return ExitCodes.Success;
        }
        await using var cache = await ResponseCache.OpenAsync(path, settings, ct);
        var removed = await cache.ClearAsync(ct);
        CliApp.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{path}: {removed} entries removed"));
        return ExitCodes.Success;
    }

    private static string Limit(long value) => value == 0 ? "none" : value.ToString(CultureInfo.InvariantCulture);
}
