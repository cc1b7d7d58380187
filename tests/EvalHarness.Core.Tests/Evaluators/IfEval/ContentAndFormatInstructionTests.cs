using static EvalHarness.Core.Tests.Evaluators.IfEval.CheckerTestKit;

namespace EvalHarness.Core.Tests.Evaluators.IfEval;

/// <summary>Examples from specs/ifeval.md §4.10–§4.17.</summary>
public sealed class ContentAndFormatInstructionTests
{
    [Theory]
    [InlineData("[a](http://x) [] [ ] [1]", 4, true)]
    [InlineData("[[n]]", 2, false)] // counts once
    [InlineData("[a\nb]", 1, false)] // within one line only
    public void Placeholders(string text, int atLeast, bool expected) =>
        Assert.Equal(expected, Build("detectable_content:number_placeholders", $$"""{"num_placeholders": {{atLeast}}}""").Check(text));

    [Theory]
    [InlineData("P.S.", "Body.\nP.S. more", true)]
    [InlineData("P.S.", "Body. p.s. mid-line", true)] // not anchored
    [InlineData("P.S.", "Body.\nP.S more", false)] // final period required
    [InlineData("P.S.", "Body.\nPS: more", false)]
    [InlineData("P.S.", "Body.\nP.P.S. more", true)]
    [InlineData("P.P.S", "Body.\nP. P. S. more", true)]
    [InlineData("Note:", "Body.\nNOTE: x", true)] // other markers are lowered and inserted raw
    public void Postscript(string marker, string text, bool expected) =>
        Assert.Equal(expected, Build("detectable_content:postscript", $$"""{"postscript_marker": "{{marker}}"}""").Check(text));

    [Theory]
    [InlineData("* a\n* b\n- c", 3, true)]
    [InlineData("  * a\n---\n-5 degrees", 3, true)] // indented, horizontal rule, negative number
    [InlineData("**bold**\n1. one\n• two\n+ three", 0, true)] // none of these count
    [InlineData("*\nnext line\n* b", 2, true)] // a lone star swallows the next line and counts once
    [InlineData("* a\n* b", 3, false)] // exact count
    public void BulletLists(string text, int count, bool expected) =>
        Assert.Equal(expected, Build("detectable_format:number_bullet_lists", $$"""{"num_bullets": {{count}}}""").Check(text));

    [Theory]
    [InlineData("  Sure. My answer is maybe. ", true)]
    [InlineData("My answer is yes", false)]
    [InlineData("My answer is Yes.", false)]
    public void ConstrainedResponse(string text, bool expected) =>
        Assert.Equal(expected, Build("detectable_format:constrained_response").Check(text));

    [Theory]
    [InlineData("*a*", 1, true)]
    [InlineData("**bold**", 1, true)]
    [InlineData("**bold**", 2, false)] // (0, 1)
    [InlineData("***x***", 2, true)] // (1, 1)
    [InlineData("* item *emph*", 2, false)] // (1, 0)
    [InlineData("* * *", 1, false)] // (0, 0)
    public void HighlightedSections(string text, int atLeast, bool expected) =>
        Assert.Equal(expected, Build("detectable_format:number_highlighted_sections", $$"""{"num_highlights": {{atLeast}}}""").Check(text));

    [Theory]
    [InlineData("SECTION 1 a SECTION 2 b", 2, true)]
    [InlineData("SECTION  1 a SECTION I b", 1, false)]
    [InlineData("SECTION1 a", 1, true)]
    [InlineData("Section 1 a", 1, false)] // case-sensitive
    [InlineData("SUBSECTION 1 a", 1, true)]
    [InlineData("SECTION 1 SECTION 2 SECTION 3", 2, true)] // at least, not exact
    public void MultipleSections(string text, int atLeast, bool expected) =>
        Assert.Equal(expected, Build("detectable_format:multiple_sections", $$"""{"section_spliter": " SECTION ", "num_sections": {{atLeast}}}""").Check(text));

    [Theory]
    [InlineData("```json\n{\"a\": [1, 2.5e3, null]}\n```", true)]
    [InlineData("```JSON\n{}\n```", true)]
    [InlineData("\"hello\"", true)]
    [InlineData("42", true)]
    [InlineData("[NaN, Infinity, -Infinity]", true)]
    [InlineData("{\"a\": 1, \"a\": 2}", true)]
    [InlineData("\"\\ud800\"", true)]
    [InlineData("{\"a\": \"x\ny\"}", false)] // raw newline in a string
    [InlineData("[1, 2,]", false)]
    [InlineData("{'a': 1}", false)]
    [InlineData("01", false)]
    [InlineData("{} // note", false)]
    [InlineData("```javascript\n{}\n```", false)]
    [InlineData("```json\n{}\n```\nDone.", false)]
    [InlineData("Here it is: {}", false)]
    [InlineData("\u00A0{}", true)] // str.strip() removes NBSP before json.loads sees the text
    public void JsonFormat(string text, bool expected) =>
        Assert.Equal(expected, Build("detectable_format:json_format").Check(text));

    [Theory]
    [InlineData("<<My Title>>\nbody", true)]
    [InlineData("text <<<a>>> text", true)]
    [InlineData("<<>>", false)]
    [InlineData("<< >>", false)]
    [InlineData("<<a\nb>>", false)]
    public void Title(string text, bool expected) =>
        Assert.Equal(expected, Build("detectable_format:title").Check(text));
}
