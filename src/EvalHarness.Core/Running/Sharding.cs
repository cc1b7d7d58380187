using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Models;
using EvalHarness.Core.Reporting;

namespace EvalHarness.Core.Running;

/// <summary>One shard of a plan: <c>k</c> of <c>N</c>, 1-based (<c>run --shard k/N</c>).</summary>
public sealed record ShardSpec(int K, int N)
{
    /// <summary>Parses <c>k/N</c> (1 &lt;= k &lt;= N); anything else is one line of bad input.</summary>
    public static ShardSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0
            || !int.TryParse(text.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out var k)
            || !int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            throw new EvalInputException($"--shard '{text}': expected k/N, e.g. 1/4 (k from 1 to N)");
        if (n < 1) throw new EvalInputException($"--shard '{text}': N must be at least 1");
        if (k < 1 || k > n) throw new EvalInputException($"--shard '{text}': k must be from 1 to {n.ToString(CultureInfo.InvariantCulture)} (1-based)");
        return new ShardSpec(k, n);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{K}/{N}");
}

/// <summary>What a shard's manifest records: which shard, and the hash of the whole plan it is part of.</summary>
public sealed record ShardInfo(ShardSpec Shard, string PlanSha256)
{
    public JsonObject ToJson() => new() { ["k"] = Shard.K, ["n"] = Shard.N, ["plan_sha256"] = PlanSha256 };
}

/// <summary>
/// Splits a plan into shards by a stable hash of (eval, sample_id): SHA-256 of the UTF-8 bytes, so the same plan splits
/// the same way on every machine and runtime. The plan hash covers everything that defines the plan's results.
/// </summary>
internal static class Sharding
{
    /// <summary>The 1-based shard a sample belongs to among <paramref name="n"/> shards.</summary>
    public static int ShardOf(string eval, string sampleId, int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(eval + "\0" + sampleId), digest);
        var value = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(digest);
        return (int)(value % (ulong)n) + 1;
    }

    /// <summary>The shard's samples of each eval, in plan order (every eval kept, possibly with no samples).</summary>
    public static IReadOnlyList<EvalPlan> Select(IReadOnlyList<EvalPlan> plans, ShardSpec shard) =>
        plans.Select(p => p with { Samples = p.Samples.Where(s => ShardOf(p.Evaluator.Name, s.Id, shard.N) == shard.K).ToList() }).ToList();

    /// <summary>
    /// SHA-256 over the plan: suite, seed, models (name and API model id), and per eval its name, seed, limit, options
    /// and the full plan's samples_sha256. Endpoints, keys and timings are not part of it (they differ by machine).
    /// </summary>
    public static string PlanHash(string suite, int seed, IEnumerable<ModelSettings> models,
        IReadOnlyList<(IEvaluator Evaluator, EvalRequest Request)> evals, IReadOnlyList<EvalPlan> plans)
    {
        var evalsJson = new JsonArray();
        foreach (var p in plans)
        {
            var request = evals.First(e => ReferenceEquals(e.Evaluator, p.Evaluator)).Request;
            var options = new JsonObject();
            foreach (var kv in request.Options.OrderBy(k => k.Key, StringComparer.Ordinal)) options[kv.Key] = kv.Value;
            evalsJson.Add(new JsonObject
            {
                ["name"] = p.Evaluator.Name,
                ["seed"] = request.Seed,
                ["limit"] = request.Limit,
                ["options"] = options,
                ["samples"] = p.Samples.Count,
                ["samples_sha256"] = PromptsJsonl.Hash(p.Samples),
            });
        }
        var plan = new JsonObject
        {
            ["suite"] = suite,
            ["seed"] = seed,
            ["models"] = new JsonArray(models.Select(m => (JsonNode)new JsonObject { ["name"] = m.Name, ["model"] = m.ApiModelId }).ToArray()),
            ["evals"] = evalsJson,
        };
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(plan.ToJsonString())));
    }
}
