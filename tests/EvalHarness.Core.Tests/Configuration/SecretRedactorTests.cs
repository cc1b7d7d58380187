using System.Text.Json.Nodes;
using EvalHarness.Core.Configuration;
using EvalHarness.Core.Models;
using Microsoft.Extensions.Configuration;

namespace EvalHarness.Core.Tests.Configuration;

public sealed class SecretRedactorTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void TheValueBehindAnyApiKeyRefIsMaskedWhateverItsName()
    {
        var config = Config(
            ("Models:local:ApiKeyRef", "MY_WEIRD_VAR"),
            ("MY_WEIRD_VAR", "sk-weird-0123456789"),
            ("Models:other:ApiKeyRef", "Vault:Deep:Entry"),
            ("Vault:Deep:Entry", "azure-abcdef0123456789"),
            ("Models:local:BaseUrl", "http://localhost:8080/v1"));
        var redactor = SecretRedactor.FromConfiguration(config, []);
        Assert.Equal("Incorrect API key provided: ***. Other: ***.", redactor.Redact("Incorrect API key provided: sk-weird-0123456789. Other: azure-abcdef0123456789."));
        // Names stay visible; ordinary settings are not secrets.
        Assert.Equal("MY_WEIRD_VAR Vault:Deep:Entry http://localhost:8080/v1", redactor.Redact("MY_WEIRD_VAR Vault:Deep:Entry http://localhost:8080/v1"));
    }

    [Fact]
    public void BoundModelsAndSecretLookingSettingsCount()
    {
        var config = Config(("KEY_OF_MODEL", "model-key-value-123"), ("Proxy:Password", "hunter2hunter2"), ("Models:x:MaxOutputTokens", "12345678"));
        var redactor = SecretRedactor.FromConfiguration(config, [new ModelSettings { Name = "x", ApiKeyRef = "KEY_OF_MODEL" }]);
        Assert.Equal("*** ***", redactor.Redact("model-key-value-123 hunter2hunter2"));
        Assert.Equal("12345678", redactor.Redact("12345678")); // a token count is not a secret
    }

    [Theory]
    [InlineData("HF_TOKEN", true)]
    [InlineData("AccessToken", true)]
    [InlineData("api_key", true)]
    [InlineData("ClientSecret", true)]
    [InlineData("ApiKeyRef", false)]
    [InlineData("MaxOutputTokens", false)]
    [InlineData("token_targets", false)] // graphwalks' option: its masked value broke `run --resume` and `merge`
    public void OnlySecretLookingKeysAreSecret(string key, bool secret) => Assert.Equal(secret, SecretRedactor.LooksSecret(key));

    [Fact]
    public void AnEvalOptionAboutTokensIsNotMasked()
    {
        var config = Config(("Suites:default:Evals:graphwalks:token_targets", "2000,8000"), ("Hub:AccessToken", "hf_abcdefgh12345"));
        var redactor = SecretRedactor.FromConfiguration(config, []);
        Assert.Equal("token_targets=2000,8000 hub=***", redactor.Redact("token_targets=2000,8000 hub=hf_abcdefgh12345"));
    }

    [Fact]
    public void EnvironmentValuesAreFoundByTheReferencedName()
    {
        var name = "EVALHARNESS_TEST_REDACT_" + Guid.NewGuid().ToString("N")[..8];
        Environment.SetEnvironmentVariable(name, "env-secret-value-42");
        try
        {
            var redactor = SecretRedactor.FromConfiguration(Config(("Models:m:ApiKeyRef", name)), []);
            Assert.Equal("key=***", redactor.Redact("key=env-secret-value-42"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void LongestSecretFirstAndJsonStringsRedacted()
    {
        var redactor = new SecretRedactor(["abcdefgh", "abcdefgh-longer", "short"]);
        Assert.Equal("*** ***", redactor.Redact("abcdefgh-longer abcdefgh"));
        Assert.Equal("short", redactor.Redact("short")); // below the minimum length
        var node = JsonNode.Parse("""{"command_line":"run --set K=abcdefgh","n":3,"list":["x abcdefgh-longer"]}""");
        Assert.Equal("""{"command_line":"run --set K=***","n":3,"list":["x ***"]}""", redactor.Redact(node)!.ToJsonString());
    }

    [Fact]
    public void ModelCallExceptionRedactedInPlaceKeepsEverything()
    {
        var inner = new InvalidOperationException("inner");
        var ex = new ModelCallException(ErrorKind.Authentication, "HTTP 401: Incorrect API key provided: sk-abcdefgh1234", 401, TimeSpan.FromSeconds(3), inner);
        ex.RedactMessage(new SecretRedactor(["sk-abcdefgh1234"]).Redact);
        Assert.Equal("HTTP 401: Incorrect API key provided: ***", ex.Message);
        Assert.Equal((ErrorKind.Authentication, 401, TimeSpan.FromSeconds(3)), (ex.Kind, ex.HttpStatus, ex.RetryAfter));
        Assert.Same(inner, ex.InnerException);
    }
}
