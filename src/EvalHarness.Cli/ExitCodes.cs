namespace EvalHarness.Cli;

/// <summary>The exit-code contract (DESIGN.md).</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int SamplesErrored = 1;
    public const int BadInput = 2;

    /// <summary>A run folder or output file could not be written (disk full, permissions) after the run started (EX_IOERR).</summary>
    public const int CannotWrite = 74;
    public const int Cancelled = 130;

    /// <summary><c>gate</c>: at least one gate cell FAILed (a significant drop beyond its margin).</summary>
    public const int GateRegression = 3;

    /// <summary><c>gate</c>: a hard guard tripped (errors, missing samples, unlike datasets or prompts, budgets): no statistical verdict.</summary>
    public const int GateGuardTripped = 4;
}
