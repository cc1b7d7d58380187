namespace EvalHarness.Core;

/// <summary>Bad user input (file, option, row). The CLI prints the message on one line and exits with code 2.</summary>
public sealed class EvalInputException(string message, Exception? inner = null) : Exception(message, inner);
