
namespace EvalHarness.Core.Models;

/// <summary>
/// Masks secrets in the messages of the failures a client throws (a server may echo the key: "Incorrect API key
/// provided: sk-..."), before the engine journals, prints or retries on them. The same exception is rethrown: its
/// type, properties and stack trace are kept.
/// </summary>
public sealed class RedactingModelClient(IModelClient inner, SecretRedactor redactor) : IModelClient
{
    public IModelClient Inner { get; } = inner;

    public string ModelName => Inner.ModelName;

    public async Task<ModelResponse> CompleteAsync(ModelRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await Inner.CompleteAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelCallException ex)
        {
            ex.RedactMessage(redactor.Redact);
            throw;
        }
    }
}
