namespace EvalHarness.Cli;

/// <summary>The exit-code contract (DESIGN.md).</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int SamplesErrored = 1;
    public const int BadInput = 2;
    public const int Cancelled = 130;
}
