using System.Security.Cryptography;
using System.Text.Json.Nodes;
using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Evaluators.Graphwalks;
using Parquet;
using Parquet.Schema;
using Parquet.Serialization;

namespace EvalHarness.Core.Tests.Evaluators.Graphwalks;

public sealed class GraphwalksOfficialLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("graphwalks-loader-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // Two hand-made rows in the original wording: node a has parents {b}; BFS from b at depth 1 is {a, c}.
    private const string EdgesText = "b -> a\nb -> c\nc -> c";

    private static string OriginalPrompt(string op) =>
        "\nYou will be given a graph as a list of directed edges. All nodes are at least degree 1. You will also get a description of an operation to perform on the graph.\n" +
        "Your job is to execute the operation on the graph and return the set of nodes that the operation results in. If asked for a breadth-first search (BFS), only return the nodes that are reachable at that depth, do not return the starting node. If asked for the parents of a node, only return the nodes that have an edge leading to the given node, do not return the given node itself.\n\n" +
        "Here is an example:\n<begin example>\n\nThe graph has the following edges:\nuvwx -> alke\nabcd -> uvwx\nabcd -> efgh\nefgh -> uvwx\n\n" +
        "Example 1:\nOperation:\nPerform a BFS from node abcd with depth 1.\nFinal Answer: [uvwx, efgh]\n\n" +
        "Example 2:\nOperation:\nPerform a BFS from node alke with depth 1.\nFinal Answer: []\n\n" +
        "Example 3:\nOperation:\nFind the parents of node uvwx.\nFinal Answer: [abcd, efgh]\n\n" +
        "Example 4:\nOperation:\nFind the parents of node abcd.\nFinal Answer: []\n\n" +
        "<end example>\nHere is the graph to operate on:\nThe graph has the following edges:\n" + EdgesText + "\n\n\nOperation:\n" + op +
        "\n\nYou should immediately return the set of nodes that the operation results in, with no additional text. Return your final answer as a list of nodes in the very last line of your response. For example, if the operation returns the set of nodes [node1, node2, node3], your response should be:\nFinal Answer: [node1, node2, node3]\nIf the operation returns the empty set, your response should be:\nFinal Answer: []\n";

    private static readonly (string Prompt, string[] Answer, string Type)[] Rows =
    [
        (OriginalPrompt("Find the parents of node a."), ["b"], "parents"),
        (OriginalPrompt("Perform a BFS from node b with depth 1."), ["a", "c"], "bfs"),
    ];

    private async Task<string> WriteOfficialParquet(string name)
    {
        var schema = new ParquetSchema(
            new DataField<string>("prompt"),
            new ListField("answer_nodes", new DataField<string>("element")),
            new DataField<long>("prompt_chars"),
            new DataField<string>("problem_type"),
            new DataField<string>("date_added"));
        var data = Rows.Select(r => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["prompt"] = r.Prompt,
            ["answer_nodes"] = r.Answer.Select(a => (ReadOnlyMemory<char>?)a.AsMemory()).ToList(), // the untyped writer wants strings as memory
            ["prompt_chars"] = (long)r.Prompt.Length,
            ["problem_type"] = r.Type,
            ["date_added"] = "2025-04-12",
        }).ToList();
        var path = Path.Combine(_dir, name);
        await using var stream = File.Create(path);
        // One row per row group, so reading across row groups is exercised too.
        await ParquetSerializer.SerializeUntypedAsync(data, schema, stream, new ParquetOptions { RowGroupSize = 1 }, cancellationToken: TestContext.Current.CancellationToken);
        return path;
    }

    private static async Task<List<EvalSample>> Load(GraphwalksEvaluator evaluator, params (string, string)[] options) =>
        await evaluator.GetSamples(
            new EvalRequest { Options = options.ToDictionary(o => o.Item1, o => o.Item2, StringComparer.OrdinalIgnoreCase) },
            TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

    [Fact]
    public async Task OfficialSchemaParquetLoadsAndScores()
    {
        var path = await WriteOfficialParquet(GraphwalksOfficialLoader.ShortFileName);
        await using (var reader = await ParquetReader.CreateAsync(path, cancellationToken: TestContext.Current.CancellationToken))
        {
            Assert.Equal(2, reader.RowGroupCount);
        }
        var evaluator = new GraphwalksEvaluator();
        var samples = await Load(evaluator, ("source", _dir));

        Assert.Equal(["le128k-0000", "le128k-0001"], samples.Select(s => s.Id));
        Assert.Equal(["parents;split=<128k", "bfs;split=<128k"], samples.Select(s => s.Group));
        Assert.Equal(Rows[0].Prompt, samples[0].Messages[0].Content); // as is by default
        Assert.Equal("original", samples[0].Labels["source_prompt_version"]!.GetValue<string>());
        Assert.Equal("original", samples[0].Labels["prompt_version"]!.GetValue<string>());
        Assert.Equal(3, samples[1].Labels["n_edges"]!.GetValue<int>());
        Assert.Equal(3, samples[1].Labels["n_nodes"]!.GetValue<int>());
        Assert.Equal(1, samples[1].Labels["depth"]!.GetValue<int>());
        Assert.Equal(2, samples[1].Labels["answer_size"]!.GetValue<int>());

        var source = Assert.Single(evaluator.Sources);
        Assert.Equal("<128k", source.Split);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken))), source.Sha256);

        Assert.Equal(1.0, evaluator.Score(samples[0], "Final Answer: [b]").Score);
        Assert.Equal(1.0, evaluator.Score(samples[1], "Final Answer: [c, a]").Score);
        var half = evaluator.Score(samples[1], "Final Answer: [a]");
        Assert.Equal(2.0 / 3, half.Score, 12);
        Assert.False(half.Passed);
        Assert.Equal("0.5", half.Columns["recall"]);
        Assert.Equal("1", half.Columns["precision"]);
        Assert.Equal("false", half.Columns["parse_failure"]);
        Assert.Equal("1", half.Columns["predicted_size"]);
        Assert.Equal("0", half.Columns["f1_v1"]);
    }

    [Fact]
    public async Task ExplicitVersionRewritesOfficialPromptsAndKeepsTheDetectedOne()
    {
        await WriteOfficialParquet(GraphwalksOfficialLoader.LongFileName);
        var samples = await Load(new GraphwalksEvaluator(), ("source", _dir), ("prompt_version", "fixed"), ("problem_types", "bfs"));
        var s = Assert.Single(samples);
        Assert.Equal("bfs;split=>128k", s.Group);
        Assert.Equal("fixed", s.Labels["prompt_version"]!.GetValue<string>());
        Assert.Equal("original", s.Labels["source_prompt_version"]!.GetValue<string>());
        Assert.Equal(Rows[1].Prompt.Length + 272, s.Messages[0].Content.Length);
        Assert.Contains("Perform a BFS from node b and return only the nodes at exactly depth 1 (not nodes at intermediate depths).", s.Messages[0].Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonlWithTheSameColumnsLoads()
    {
        var path = Path.Combine(_dir, "mine.jsonl");
        var lines = Rows.Select(r => new JsonObject
        {
            ["prompt"] = r.Prompt,
            ["answer_nodes"] = new JsonArray([.. r.Answer.Select(a => (JsonNode)a)]),
            ["prompt_chars"] = r.Prompt.Length,
            ["problem_type"] = r.Type,
            ["date_added"] = "2025-04-12",
        }.ToJsonString());
        await File.WriteAllLinesAsync(path, lines, TestContext.Current.CancellationToken);
        var samples = await Load(new GraphwalksEvaluator(), ("source", path), ("rows_per_split", "1"));
        Assert.Equal(["mine-0000", "mine-0001"], samples.Select(s => s.Id));
        Assert.Equal(["parents;split=mine", "bfs;split=mine"], samples.Select(s => s.Group));
        Assert.Equal("[\"a\",\"c\"]", samples[1].Truth["answer_nodes"]!.ToJsonString());
    }

    [Fact]
    public async Task BadRowsNameFileLineAndField()
    {
        var path = Path.Combine(_dir, "bad.jsonl");
        await File.WriteAllTextAsync(path, "{\"prompt\":\"x\",\"answer_nodes\":[],\"problem_type\":\"bfs\"}\n\n{\"prompt\":\"x\",\"answer_nodes\":\"a\",\"problem_type\":\"bfs\"}\n", TestContext.Current.CancellationToken);
        var e = await Assert.ThrowsAsync<EvalInputException>(() => Load(new GraphwalksEvaluator(), ("source", path)));
        Assert.Contains("bad.jsonl line 3", e.Message, StringComparison.Ordinal);
        Assert.Contains("answer_nodes", e.Message, StringComparison.Ordinal);

        var missing = await Assert.ThrowsAsync<EvalInputException>(() => Load(new GraphwalksEvaluator(), ("source", Path.Combine(_dir, "none"))));
        Assert.Contains("none", missing.Message, StringComparison.Ordinal);
        var corrupt = Path.Combine(_dir, "corrupt.parquet");
        await File.WriteAllTextAsync(corrupt, "not parquet", TestContext.Current.CancellationToken);
        var bad = await Assert.ThrowsAsync<EvalInputException>(() => Load(new GraphwalksEvaluator(), ("source", corrupt)));
        Assert.Contains("corrupt.parquet", bad.Message, StringComparison.Ordinal);
        File.Delete(corrupt);
        var empty = await Assert.ThrowsAsync<EvalInputException>(() => Load(new GraphwalksEvaluator(), ("source", _dir)));
        Assert.Contains(GraphwalksOfficialLoader.ShortFileName, empty.Message, StringComparison.Ordinal);
    }
}
