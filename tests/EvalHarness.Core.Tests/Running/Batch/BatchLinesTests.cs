using System.Text;
using System.Text.Json;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Models;
using EvalHarness.Core.Running;
using EvalHarness.Core.Running.Batch;

namespace EvalHarness.Core.Tests.Running.Batch;

public sealed class BatchLinesTests
{
    private sealed class NamedEvaluator(string name) : IEvaluator
    {
        public string Name => name;

        public string Description => "";

        public IReadOnlyList<string> Columns => [];

        public IAsyncEnumerable<EvalSample> GetSamples(EvalRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();

        public SampleScore Score(EvalSample sample, string responseText) => throw new NotSupportedException();
    }

    private static EvalSample Sample(string id, string text, int? limit = null) =>
        new() { Id = id, Eval = "niah", Messages = [new ChatMessage("system", "be brief"), new ChatMessage("user", text)], Group = "g", MaxOutputTokens = limit };

    [Fact]
    public void ALineIsTheStreamingRequestWithoutStreamingUnderADeterministicCustomId()
    {
        var model = new ModelSettings { Name = "m", Model = "gpt-4.1-mini", Temperature = 0.3, SendLegacyMaxTokens = true };
        var item = BatchLines.Item(model, new NamedEvaluator("niah"), Sample("ctx=1000/d=50", "hello \"world\"", 64), explicitLimit: false);
        var line = BatchLines.Line(model, item);
        Assert.Equal((byte)'\n', line[^1]);
        Assert.Equal(1, line.Count(b => b == (byte)'\n'));
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        Assert.Equal(("niah/ctx=1000/d=50", "POST", "/v1/chat/completions"), (root.GetProperty("custom_id").GetString(), root.GetProperty("method").GetString(), root.GetProperty("url").GetString()));
        var body = root.GetProperty("body");
        Assert.Equal(["model", "messages", "max_completion_tokens", "max_tokens", "temperature"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("gpt-4.1-mini", body.GetProperty("model").GetString());
        Assert.Equal((64, 64, 0.3), (body.GetProperty("max_completion_tokens").GetInt32(), body.GetProperty("max_tokens").GetInt32(), body.GetProperty("temperature").GetDouble()));
        Assert.Equal("hello \"world\"", body.GetProperty("messages")[1].GetProperty("content").GetString());
        // Enqueued tokens as admission counts them: o200k prompt tokens + the output limit.
        Assert.Equal(ModelAdmission.PromptTokens(item.Sample.Messages) + 64, item.Tokens);
        Assert.Equal(line, BatchLines.Line(model, item)); // byte for byte the same every time
        Assert.Equal(line.LongLength, item.LineBytes); // the size the files are cut by, measured once
    }

    [Fact]
    public void FilesAreCutAtTheLineByteAndTokenBoundsAndAnOversizeRequestIsSetAside()
    {
        var model = new ModelSettings { Name = "m" };
        var items = Enumerable.Range(0, 10).Select(i => BatchLines.Item(model, new NamedEvaluator("niah"), Sample(i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture), "x"), false)).ToList();
        Assert.Equal([4, 4, 2], BatchLines.Split(items, _ => 10, maxLines: 4, maxBytes: 1000, maxTokens: null).Files.Select(f => f.Count));
        Assert.Equal([3, 3, 3, 1], BatchLines.Split(items, _ => 10, maxLines: 100, maxBytes: 30, maxTokens: null).Files.Select(f => f.Count));
        var tokens = items[0].Tokens;
        Assert.Equal([2, 2, 2, 2, 2], BatchLines.Split(items, _ => 10, 100, 1000, maxTokens: tokens * 2 + 1).Files.Select(f => f.Count));
        // Order is kept: the files are the items in sequence.
        Assert.Equal(items.Select(i => i.CustomId), BatchLines.Split(items, _ => 10, 3, 1000, null).Files.SelectMany(f => f).Select(i => i.CustomId));

        var big = BatchLines.Item(model, new NamedEvaluator("niah"), Sample("big", string.Join(' ', Enumerable.Repeat("word", 500))), false);
        var (files, oversize) = BatchLines.Split([items[0], big, items[1]], _ => 10, 100, 1000, maxTokens: tokens + 5);
        Assert.Equal(["niah/00", "niah/01"], files.SelectMany(f => f).Select(i => i.CustomId));
        Assert.Contains("BatchEnqueuedTokens", Assert.Single(oversize).Reason, StringComparison.Ordinal);
        var (_, tooLong) = BatchLines.Split([big], i => Encoding.UTF8.GetByteCount(i.Sample.Messages[1].Content), 100, 1000, null);
        Assert.Contains("Batch:MaxFileBytes", Assert.Single(tooLong).Reason, StringComparison.Ordinal);
    }
}
