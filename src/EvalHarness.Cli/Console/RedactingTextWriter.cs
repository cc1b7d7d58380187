using System.Text;
using EvalHarness.Core.Configuration;
using EvalHarness.Core.Models;

namespace EvalHarness.Cli.Console;

/// <summary>
/// Console.Out / Console.Error with configured secrets masked by value (installed in Program.cs before anything is
/// printed; <see cref="Redactor"/> is set once the settings are loaded). Strings are redacted per write: the console's
/// writers (Spectre included) write whole segments, and a single character cannot hold a secret.
/// </summary>
internal sealed class RedactingTextWriter(TextWriter inner) : TextWriter(inner.FormatProvider)
{
    private static volatile SecretRedactor _redactor = SecretRedactor.None;

    public static SecretRedactor Redactor
    {
        get => _redactor;
        set => _redactor = value ?? SecretRedactor.None;
    }

    public override Encoding Encoding => inner.Encoding;

    [System.Diagnostics.CodeAnalysis.AllowNull]
    public override string NewLine
    {
        get => inner.NewLine;
        set => inner.NewLine = value;
    }

    public override void Write(char value) => inner.Write(value);

    public override void Write(string? value) => inner.Write(value is null ? null : Redactor.Redact(value));

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void Write(ReadOnlySpan<char> buffer) => Write(new string(buffer));

    public override void WriteLine(string? value) => inner.WriteLine(value is null ? null : Redactor.Redact(value));

    public override void WriteLine(ReadOnlySpan<char> buffer) => WriteLine(new string(buffer));

    public override void Flush() => inner.Flush();

    public override Task FlushAsync() => inner.FlushAsync();

    public override Task WriteAsync(string? value) => inner.WriteAsync(value is null ? null : Redactor.Redact(value));

    public override Task WriteLineAsync(string? value) => inner.WriteLineAsync(value is null ? null : Redactor.Redact(value));
}
