using EvalHarness.Core.Text;

namespace EvalHarness.Core.Evaluators.IfEval;

/// <summary>Python <c>not s.strip()</c> without allocating; the checkers and loose mode test it on every variant.</summary>
internal static class IfEvalText
{
    public static bool IsBlank(string s)
    {
        foreach (var c in s)
        {
            if (!PythonText.IsSpace(c)) return false;
        }
        return true;
    }
}
