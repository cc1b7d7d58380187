namespace EvalHarness.Core.Text.Haystack;

/// <summary>Built-in haystack texts. User files are loaded by <see cref="FileHaystack"/>.</summary>
public enum HaystackKind
{
    /// <summary>Essay-like prose from <see cref="EssayGenerator"/>.</summary>
    Essay,

    /// <summary>A short unit of plain sentences repeated (RULER's "noise" idea, with this project's own sentences).</summary>
    Noise,
}
