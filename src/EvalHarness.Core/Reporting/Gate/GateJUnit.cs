using System.Globalization;
using System.Xml;
using EvalHarness.Core.Files;

namespace EvalHarness.Core.Reporting.Gate;

/// <summary>
/// gate.junit.xml: one testsuite "evalharness.gate", one testcase per cell (FAIL as &lt;failure&gt;, WARN and
/// UNDERPOWERED in &lt;system-out&gt;), and one testcase per tripped guard as &lt;error&gt; (then there are no cells).
/// </summary>
public static class GateJUnit
{
    public const string FileName = "gate.junit.xml";

    public static void Write(string path, GateReport report) => AtomicFile.Write(path, w =>
    {
        using var xml = XmlWriter.Create(w, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = false });
        xml.WriteStartDocument();
        xml.WriteStartElement("testsuites");
        xml.WriteStartElement("testsuite");
        xml.WriteAttributeString("name", "evalharness.gate");
        xml.WriteAttributeString("tests", (report.Cells.Count + report.Guards.Count).ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("failures", report.Cells.Count(c => c.Verdict == GateVerdict.Fail).ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("errors", report.Guards.Count.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("skipped", "0");
        foreach (var g in report.Guards)
        {
            Case(xml, "guard", $"{g.Name} [{g.Subject}]");
            xml.WriteStartElement("error");
            xml.WriteAttributeString("type", g.Name);
            xml.WriteAttributeString("message", g.Message);
            xml.WriteEndElement();
            xml.WriteEndElement();
        }
        foreach (var c in report.Cells)
        {
            Case(xml, "gate." + c.Eval, c.Name);
            var detail = $"diff {GateEngine.Signed(c.Diff)}, {GateEngine.Pct(c.CiLevel)} CI {GateEngine.Signed(c.Low)}..{GateEngine.Signed(c.High)}, "
                + $"p {Comparison.ComparisonCsv.P(c.PValue, "G4")}, p Holm {Comparison.ComparisonCsv.P(c.PHolm, "G4")}, δ {GateEngine.Fmt(c.Delta)}, MDE {GateEngine.Fmt(c.Mde)}, n {c.NPaired}: {c.Reason}";
            if (c.Verdict == GateVerdict.Fail)
            {
                xml.WriteStartElement("failure");
                xml.WriteAttributeString("type", "regression");
                xml.WriteAttributeString("message", detail);
                xml.WriteEndElement();
            }
            var flags = new List<string>();
            if (c.Verdict == GateVerdict.Warn) flags.Add("WARN");
            if (c.Underpowered) flags.Add("UNDERPOWERED");
            xml.WriteElementString("system-out", (flags.Count > 0 ? string.Join(' ', flags) + ": " : "") + detail + (c.Warning.Length > 0 ? " (" + c.Warning + ")" : ""));
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
    });

    private static void Case(XmlWriter xml, string className, string name)
    {
        xml.WriteStartElement("testcase");
        xml.WriteAttributeString("classname", className);
        xml.WriteAttributeString("name", name);
        xml.WriteAttributeString("time", "0");
    }
}
