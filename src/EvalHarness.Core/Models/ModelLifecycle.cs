using System.Globalization;
using System.Text.Json.Nodes;
using EvalHarness.Core.Evaluators;

namespace EvalHarness.Core.Models;

public enum LifecycleStatus
{
    /// <summary>Listed (or not checkable) and no shutdown within the warning window.</summary>
    Ok,

    /// <summary>The endpoint offers no model list: existence not checked (configured dates still apply).</summary>
    Unchecked,

    /// <summary>Marked deprecated, no shutdown date known or it is further than the warning window: a warning.</summary>
    Deprecated,

    /// <summary>Shutdown within <see cref="ModelLifecycle.WarnDays"/> days: a warning.</summary>
    ShutdownSoon,

    /// <summary>Shutdown date reached: refused.</summary>
    Retired,

    /// <summary>The endpoint's list does not know the id: the model does not exist there; refused.</summary>
    NotListed,
}

/// <summary>What the start-of-run check found for one model; recorded in manifest.json as <c>models[].lifecycle</c>.</summary>
public sealed record LifecycleVerdict(
    string Model,
    string ApiModelId,
    LifecycleStatus Status,
    bool? Listed,
    DateOnly? ShutdownDate,
    string? ShutdownSource,
    int? DaysLeft,
    string? ReplacedBy,
    string Message)
{
    public bool Refuses => Status is LifecycleStatus.Retired or LifecycleStatus.NotListed;

    public bool Warns => Status is LifecycleStatus.ShutdownSoon or LifecycleStatus.Deprecated;

    public JsonObject ToJson() => new()
    {
        ["status"] = Status switch
        {
            LifecycleStatus.Ok => "ok",
            LifecycleStatus.Unchecked => "unchecked",
            LifecycleStatus.Deprecated => "deprecated",
            LifecycleStatus.ShutdownSoon => "shutdown_soon",
            LifecycleStatus.Retired => "retired",
            _ => "not_listed",
        },
        ["listed"] = Listed,
        ["shutdown_date"] = ShutdownDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["shutdown_source"] = ShutdownSource,
        ["days_left"] = DaysLeft,
        ["replaced_by"] = ReplacedBy,
        ["message"] = Message.Length == 0 ? null : Message,
    };
}

/// <summary>
/// Model lifecycle rules: a model missing from its endpoint's <c>GET /models</c> does not exist there (refused); a
/// shutdown date (the endpoint's <c>shutdown_date</c> field or <c>Models:&lt;m&gt;:ShutdownDate</c>, the earlier wins)
/// within <see cref="WarnDays"/> days warns, reached refuses; the refusal names <c>Models:&lt;m&gt;:ReplacedBy</c>.
/// </summary>
internal static class ModelLifecycle
{
    public const int WarnDays = 30;

    /// <summary>How long one attempt of the model-list request may take.</summary>
    public static readonly TimeSpan ListTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The configured <c>ShutdownDate</c>, or null; a malformed one is a settings error naming the key.</summary>
    public static DateOnly? ConfiguredShutdown(ModelSettings model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (string.IsNullOrWhiteSpace(model.ShutdownDate)) return null;
        return DateOnly.TryParseExact(model.ShutdownDate.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new EvalInputException($"settings: Models:{model.Name}:ShutdownDate '{model.ShutdownDate}' is not a date (yyyy-MM-dd)");
    }

    /// <summary>
    /// The verdict for one model. <paramref name="catalog"/> null or unavailable = existence not checked;
    /// <paramref name="listing"/> is the model's entry when the catalog knows it.
    /// </summary>
    public static LifecycleVerdict Evaluate(ModelSettings model, string endpoint, ModelCatalog? catalog, ModelListing? listing, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(model);
        var who = string.Equals(model.Name, model.ApiModelId, StringComparison.Ordinal) ? $"model '{model.Name}'" : $"model '{model.Name}' (id {model.ApiModelId})";
        var replacedBy = string.IsNullOrWhiteSpace(model.ReplacedBy) ? null : model.ReplacedBy.Trim();
        var replacement = replacedBy is null
            ? $"; no replacement configured (set Models:{model.Name}:ReplacedBy)"
            : $"; replacement set in configuration: {replacedBy}";
        bool? listed = catalog is { Available: true } ? listing is not null : null;
        if (listed == false)
        {
            return new LifecycleVerdict(model.Name, model.ApiModelId, LifecycleStatus.NotListed, false, null, null, null, replacedBy,
                $"{who} does not exist at {endpoint}: its model list does not include '{model.ApiModelId}'{replacement}");
        }

        var configured = ConfiguredShutdown(model);
        DateOnly? shutdown = null;
        string? source = null;
        if (listing?.ShutdownDate is { } listedDate)
        {
            shutdown = listedDate;
            source = $"shutdown_date from {endpoint}";
        }
        if (configured is { } configuredDate && (shutdown is null || configuredDate < shutdown))
        {
            shutdown = configuredDate;
            source = $"Models:{model.Name}:ShutdownDate";
        }

        var baseStatus = listed is null ? LifecycleStatus.Unchecked : LifecycleStatus.Ok;
        if (shutdown is { } date)
        {
            var days = date.DayNumber - today.DayNumber;
            var on = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (days <= 0)
            {
                return new LifecycleVerdict(model.Name, model.ApiModelId, LifecycleStatus.Retired, listed, date, source, days, replacedBy,
                    $"{who} was retired on {on} ({source}){replacement}");
            }
            if (days <= WarnDays)
            {
                return new LifecycleVerdict(model.Name, model.ApiModelId, LifecycleStatus.ShutdownSoon, listed, date, source, days, replacedBy,
                    string.Create(CultureInfo.InvariantCulture, $"{who} shuts down on {on}, in {days} day{(days == 1 ? "" : "s")} ({source}){replacement}"));
            }
        }
        if (listing is { } l && (l.Deprecated || l.DeprecationDate is { } dep && dep.DayNumber <= today.DayNumber))
        {
            var since = l.DeprecationDate is { } d ? " since " + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";
            var when = shutdown is { } s ? "shutdown on " + s.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "no shutdown date known";
            return new LifecycleVerdict(model.Name, model.ApiModelId, LifecycleStatus.Deprecated, listed, shutdown, source,
                shutdown is { } sd ? sd.DayNumber - today.DayNumber : null, replacedBy, $"{who} is deprecated{since} at {endpoint} ({when}){replacement}");
        }
        return new LifecycleVerdict(model.Name, model.ApiModelId, baseStatus, listed, shutdown, source,
            shutdown is { } t ? t.DayNumber - today.DayNumber : null, replacedBy, "");
    }

    /// <summary>
    /// Checks every model: one model-list request per endpoint (base URL + key), none when <paramref name="network"/>
    /// is false (configured dates only) or a model sets <c>CheckModelList</c> false. Returns the verdicts in model
    /// order and one info line per endpoint that offered no list.
    /// </summary>
    public static async Task<(IReadOnlyList<LifecycleVerdict> Verdicts, IReadOnlyList<string> Info)> CheckAsync(
        IReadOnlyList<(ModelSettings Model, Uri? BaseUrl, string ApiKey, string Endpoint)> models,
        bool network,
        TimeProvider time,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(time);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var catalogs = new Dictionary<(string, string), ModelCatalog>();
        var info = new List<string>();
        var verdicts = new List<LifecycleVerdict>();
        foreach (var (model, baseUrl, key, endpoint) in models)
        {
            ModelCatalog? catalog = null;
            ModelListing? listing = null;
            if (network && model.CheckModelList && baseUrl is not null)
            {
                var id = (baseUrl.AbsoluteUri, key);
                if (!catalogs.TryGetValue(id, out catalog))
                {
                    catalog = await ModelCatalog.FetchAsync(baseUrl, key, ListTimeout, ct).ConfigureAwait(false);
                    catalogs[id] = catalog;
                    if (!catalog.Available) info.Add($"{endpoint} offers no model list ({catalog.Reason}): model existence and shutdown dates there are not checked");
                }
                if (catalog.Available) listing = await catalog.FindAsync(model.ApiModelId, ct).ConfigureAwait(false);
            }
            verdicts.Add(Evaluate(model, endpoint, catalog, listing, today));
        }
        return (verdicts, info);
    }
}
