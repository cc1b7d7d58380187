using System.Text.Json;
using EvalHarness.Core.Evaluators.Graphwalks;
using EvalHarness.TestSupport;

namespace EvalHarness.Core.Tests.Evaluators.Graphwalks;

public sealed class GraphwalksGraderTests
{
    private static readonly string[] Gold = ["aa", "bb", "cc", "dd"];

    [Fact]
    public void ExactAnswerScoresOne()
    {
        var g = GraphwalksGrader.Grade("thinking...\nFinal Answer: [dd, cc, bb, aa]", Gold);
        Assert.Equal((1.0, 1.0, 1.0, false, 4), (g.F1, g.Precision, g.Recall, g.ParseFailure, g.PredictedSize));
    }

    [Fact]
    public void PartialAnswerIsSetF1()
    {
        // 2 of 3 predicted are right, 2 of 4 gold found: p = 2/3, r = 1/2, F1 = 2pr/(p+r) = 4/7.
        var g = GraphwalksGrader.Grade("Final Answer: [aa, bb, zz]", Gold);
        Assert.Equal(2.0 / 3, g.Precision, 12);
        Assert.Equal(0.5, g.Recall, 12);
        Assert.Equal(4.0 / 7, g.F1, 12);
    }

    [Fact]
    public void TrailingNewlineIsAParseFailure()
    {
        var g = GraphwalksGrader.Grade("Final Answer: [aa, bb, cc, dd]\n", Gold);
        Assert.True(g.ParseFailure);
        Assert.Equal((0.0, 0.0, 0.0), (g.F1, g.Precision, g.Recall));
    }

    [Theory]
    [InlineData("Final answer: [aa, bb, cc, dd]")] // case-sensitive marker
    [InlineData("[aa, bb, cc, dd]")]
    [InlineData("Final Answer: [aa, bb, cc, dd]\nthanks")] // marker not on the last line
    [InlineData("Final Answer: aa, bb, cc, dd")] // no brackets
    [InlineData("Final Answer: ] aa [")]
    public void MissingMarkerOrBracketsIsAParseFailure(string response)
    {
        var g = GraphwalksGrader.Grade(response, Gold);
        Assert.True(g.ParseFailure);
        Assert.Equal(0.0, g.F1);
    }

    [Fact]
    public void BracketMatchIsGreedyFromFirstOpenToLastClose()
    {
        // \[.*\] takes "[x] Final Answer: [aa, bb]"; strip("[]") -> "x] Final Answer: [aa, bb"; items "x] Final Answer: [aa", "bb".
        var (items, failed) = GraphwalksGrader.ParseV3("[x] Final Answer: [aa, bb]");
        Assert.False(failed);
        Assert.Equal(["bb", "x] Final Answer: [aa"], items.Order(StringComparer.Ordinal));
        // Nested brackets: every leading '[' and trailing ']' is stripped.
        Assert.Equal(["aa", "bb"], GraphwalksGrader.ParseV3("Final Answer: [[aa, bb]]").Items.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void QuotesAreNotRemoved()
    {
        var g = GraphwalksGrader.Grade("Final Answer: ['aa', \"bb\", cc]", Gold);
        Assert.Equal(1.0 / 3, g.Precision, 12);
        Assert.Equal(0.25, g.Recall, 12);
    }

    [Fact]
    public void EmptyGoldAndEmptyPredictionScoresOne()
    {
        var g = GraphwalksGrader.Grade("Final Answer: []", []);
        Assert.Equal((1.0, 1.0, 1.0, false), (g.F1, g.Precision, g.Recall, g.ParseFailure));
        Assert.Equal(1.0, GraphwalksGrader.Grade("Final Answer: [ , ,]", []).F1); // items trimmed, empties dropped
    }

    [Fact]
    public void EmptyGoldWithNonEmptyPredictionScoresZero() =>
        Assert.Equal(0.0, GraphwalksGrader.Grade("Final Answer: [aa]", []).F1);

    [Fact]
    public void EmptyPredictionWithNonEmptyGoldScoresZero() =>
        Assert.Equal(0.0, GraphwalksGrader.Grade("Final Answer: []", Gold).F1);

    [Fact]
    public void DuplicatesCountOnceOnBothSides()
    {
        var g = GraphwalksGrader.Grade("Final Answer: [aa, aa, aa, bb]", ["aa", "aa", "bb"]);
        Assert.Equal(1.0, g.F1);
        Assert.Equal(2, g.PredictedSize);
    }

    [Fact]
    public void V1FirstItemNeverMatchesAndEmptyGoldScoresZero()
    {
        // v1 items: "Final Answer: [aa", "bb", "cc", "dd" -> overlap 3 of 4 each way -> F1 = 0.75.
        Assert.Equal(0.75, GraphwalksGrader.Grade("Final Answer: [aa, bb, cc, dd]", Gold).F1V1, 12);
        Assert.Equal(0.0, GraphwalksGrader.Grade("Final Answer: [aa]", ["aa"]).F1V1);
        Assert.Equal(0.0, GraphwalksGrader.Grade("Final Answer: []", []).F1V1);
        // v1 needs the bracket right after the marker (one optional space).
        Assert.Null(GraphwalksGrader.ParseV1("Final Answer:  [aa]"));
        Assert.Equal(0.0, GraphwalksGrader.Grade("Final Answer: [aa, bb, cc, dd]\n", Gold).F1V1);
    }

    [Fact]
    public void RealRowsGoldScoresOne()
    {
        foreach (var row in RealRow.Load())
        {
            var response = "Final Answer: [" + string.Join(", ", row.AnswerNodes) + "]";
            Assert.Equal(1.0, GraphwalksGrader.Grade(response, row.AnswerNodes).F1);
        }
    }

    [Fact]
    public void RealModelResponsesGradeLikeTheRecordedRollouts()
    {
        // NeMo-Gym rollouts: a real model's response with NeMo's recorded f1, parse flag and predicted nodes.
        // Expected v1 by hand: the first listed node is lost, so 4 nodes -> 0.75, 3 -> 2/3, 1 -> 0, empty gold -> 0.
        var path = SharedData.RequireFile("reference", "official-samples", "nemo-gym_graphwalks_example_rollouts.at-6ac2b857a.jsonl");
        var expectedV1 = new Dictionary<int, double> { [439] = 2.0 / 3, [5] = 0, [2] = 0.75, [446] = 0.75, [11] = 0 };
        var seen = 0;
        foreach (var line in File.ReadLines(path).Where(l => l.Length > 0))
        {
            var e = JsonDocument.Parse(line).RootElement;
            var text = e.GetProperty("response").GetProperty("output").EnumerateArray()
                .Where(o => o.GetProperty("type").GetString() == "message")
                .SelectMany(o => o.GetProperty("content").EnumerateArray())
                .Select(c => c.GetProperty("text").GetString()!).Last();
            // expected_answer is a JSON list serialised into a string.
            var gold = JsonSerializer.Deserialize<string[]>(e.GetProperty("expected_answer").GetString()!)!;
            string[] predicted = [.. e.GetProperty("predicted_nodes").EnumerateArray().Select(x => x.GetString()!)];
            var g = GraphwalksGrader.Grade(text, gold);
            Assert.Equal(e.GetProperty("f1").GetDouble(), g.F1, 12);
            Assert.Equal(e.GetProperty("parse_failed").GetBoolean(), g.ParseFailure);
            Assert.Equal(predicted.Order(StringComparer.Ordinal), GraphwalksGrader.ParseV3(text).Items.Order(StringComparer.Ordinal));
            Assert.Equal(expectedV1[e.GetProperty("_ng_task_index").GetInt32()], g.F1V1, 12);
            seen++;
        }
        Assert.Equal(5, seen);
    }
}
