using EvalHarness.Core.Caching;
using EvalHarness.Core.Models;
using Microsoft.Data.Sqlite;

namespace EvalHarness.Core.Tests.Caching;

/// <summary>The response cache on real SQLite files: byte and entry bounds, the served-model rule, what is storable, schema refusal.</summary>
public sealed class ResponseCacheTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewPath()
    {
        var dir = Path.Combine(Path.GetTempPath(), "evalharness-tests", "cache-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, "cache.db");
    }

    private static CacheKey Key(int i) => new("http://127.0.0.1:1/v1", "gpt-x", i.ToString("x64", System.Globalization.CultureInfo.InvariantCulture));

    private static ModelResponse Answer(string text, string? served = "gpt-x-2025", string? finish = "stop") => new()
    {
        Text = text,
        ServedModel = served,
        FinishReason = finish,
        Usage = new TokenUsage(100, 10, 5, 1),
        TtftMs = 12,
        LatencyMs = 30,
    };

    [Fact]
    public async Task AStoredAnswerComesBackMarkedWithItsUsageAndNoTimings()
    {
        await using var cache = await ResponseCache.OpenAsync(NewPath(), new CacheSettings(), Ct);
        Assert.True(await cache.PutAsync(Key(1), Answer("needle 42"), Ct));

        var hit = await cache.TryGetAsync(Key(1), null, Ct);
        Assert.NotNull(hit);
        Assert.Equal(("needle 42", "gpt-x-2025", "stop", true), (hit.Text, hit.ServedModel, hit.FinishReason, hit.FromCache));
        Assert.Equal(new TokenUsage(100, 10, 5, 1), hit.Usage);
        Assert.Equal((null, null, null), (hit.TtftMs, hit.TtfbMs, hit.OutputTokensPerSecond));
        Assert.Equal(0, hit.LatencyMs);
        Assert.Null(await cache.TryGetAsync(Key(2), null, Ct));
        Assert.Null(await cache.TryGetAsync(Key(1) with { Endpoint = "http://other/v1" }, null, Ct));
        Assert.Null(await cache.TryGetAsync(Key(1) with { Model = "gpt-y" }, null, Ct));
    }

    [Fact]
    public async Task AKnownServedModelOnlyReusesItsOwnAnswers()
    {
        await using var cache = await ResponseCache.OpenAsync(NewPath(), new CacheSettings(), Ct);
        await cache.PutAsync(Key(1), Answer("old snapshot", served: "gpt-x-2024"), Ct);
        await cache.PutAsync(Key(1), Answer("new snapshot", served: "gpt-x-2025"), Ct);

        Assert.Equal("new snapshot", (await cache.TryGetAsync(Key(1), null, Ct))?.Text); // unknown: the newest
        Assert.Equal("old snapshot", (await cache.TryGetAsync(Key(1), "gpt-x-2024", Ct))?.Text);
        Assert.Null(await cache.TryGetAsync(Key(1), "gpt-x-2026", Ct));
        Assert.Equal(2, (await cache.InfoAsync(Ct)).Entries);
    }

    [Fact]
    public async Task TheByteBoundEvictsTheOldestAndAnOversizedAnswerIsNotStored()
    {
        var path = NewPath();
        long one;
        await using (var probe = await ResponseCache.OpenAsync(path + ".probe", new CacheSettings(), Ct))
        {
            await probe.PutAsync(Key(0), Answer(new string('a', 1000)), Ct);
            one = (await probe.InfoAsync(Ct)).Bytes;
        }
        Assert.InRange(one, 1000, 1300);

        await using var cache = await ResponseCache.OpenAsync(path, new CacheSettings { MaxBytes = 2 * one + one / 2 }, Ct);
        for (var i = 1; i <= 4; i++) Assert.True(await cache.PutAsync(Key(i), Answer(new string('a', 1000)), Ct));

        var info = await cache.InfoAsync(Ct);
        Assert.Equal((2, 2 * one), (info.Entries, info.Bytes));
        Assert.Null(await cache.TryGetAsync(Key(1), null, Ct));
        Assert.Null(await cache.TryGetAsync(Key(2), null, Ct));
        Assert.NotNull(await cache.TryGetAsync(Key(3), null, Ct));
        Assert.NotNull(await cache.TryGetAsync(Key(4), null, Ct));

        Assert.False(await cache.PutAsync(Key(5), Answer(new string('a', 3000)), Ct));
        Assert.Equal(2, (await cache.InfoAsync(Ct)).Entries);

        Assert.Equal(2, await cache.ClearAsync(Ct));
        Assert.Equal((0, 0), ((await cache.InfoAsync(Ct)).Entries, (await cache.InfoAsync(Ct)).Bytes));
    }

    [Fact]
    public async Task EntriesSurviveReopeningAndTheEntryBoundKeepsTheNewest()
    {
        var path = NewPath();
        await using (var cache = await ResponseCache.OpenAsync(path, new CacheSettings(), Ct))
        {
            for (var i = 1; i <= 5; i++) await cache.PutAsync(Key(i), Answer("answer " + i), Ct);
        }
        await using (var cache = await ResponseCache.OpenAsync(path, new CacheSettings { MaxEntries = 3 }, Ct))
        {
            Assert.Equal(5, (await cache.InfoAsync(Ct)).Entries); // bounds apply when something is stored
            await cache.PutAsync(Key(6), Answer("answer 6"), Ct);
            Assert.Equal(3, (await cache.InfoAsync(Ct)).Entries);
            Assert.Equal(["answer 4", "answer 5", "answer 6"], await Task.WhenAll(Enumerable.Range(4, 3).Select(async i => (await cache.TryGetAsync(Key(i), null, Ct))!.Text)));
            Assert.Null(await cache.TryGetAsync(Key(3), null, Ct));
        }
    }

    [Theory]
    [InlineData("stop", true)]
    [InlineData("content_filter", true)]
    [InlineData("length", false)]
    [InlineData(null, false)]
    public void OnlyCompleteAnswersAreStorable(string? finish, bool storable) =>
        Assert.Equal(storable, CachingModelClient.IsStorable(Answer("x", finish: finish)));

    [Fact]
    public async Task ANewerSchemaOrAFileThatIsNoDatabaseIsRefusedInOneLine()
    {
        var newer = NewPath();
        using (var connection = new SqliteConnection($"Data Source={newer};Pooling=False"))
        {
            await connection.OpenAsync(Ct);
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99;";
            await command.ExecuteNonQueryAsync(Ct);
        }
        var ex = await Assert.ThrowsAsync<EvalInputException>(() => ResponseCache.OpenAsync(newer, new CacheSettings(), Ct));
        Assert.Equal($"{newer}: response cache schema version 99 is newer than this evalharness knows (1); use a newer evalharness or another Cache:Path", ex.Message);

        var garbage = NewPath();
        await File.WriteAllTextAsync(garbage, new string('x', 4096), Ct);
        ex = await Assert.ThrowsAsync<EvalInputException>(() => ResponseCache.OpenAsync(garbage, new CacheSettings(), Ct));
        Assert.StartsWith($"{garbage}: not a usable response cache (", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);

        await Assert.ThrowsAsync<EvalInputException>(() => ResponseCache.OpenAsync(NewPath(), new CacheSettings { MaxEntries = -1 }, Ct));
    }
}
