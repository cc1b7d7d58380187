using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EvalHarness.Simulator.Faults;
using EvalHarness.Simulator.Internal;
using EvalHarness.Simulator.Models;
using EvalHarness.Simulator.Solvers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EvalHarness.Simulator.Chat;

/// <summary><c>POST /v1/chat/completions</c>: validate, maybe fail on purpose, answer, and pace the answer.</summary>
internal sealed class ChatCompletionsHandler(SimulatorOptions options, SolverRegistry solvers, SimulatorCounters counters, ILogger logger)
{
    public const string TtftHeader = "x-sim-ttft-ms";
    public const string SourceHeader = "x-sim-answer-source";

    private static readonly TimeSpan TruncationDrainTime = TimeSpan.FromMilliseconds(50);

    private readonly Answerer _answerer = new(solvers, options);
    private readonly FaultInjector _faults = new(options.Faults, options.Seed);
    private readonly ModelRateLimiter _rateLimiter = new(TimeSpan.FromSeconds(options.RateLimitWindowSeconds));
    private readonly PromptCache _promptCache = new();

    public async Task HandleAsync(HttpContext context)
    {
        // The latency clock starts when the request reaches us; body upload and token counting count against TTFT.
        var start = Stopwatch.GetTimestamp();
        var ct = context.RequestAborted;
        var number = counters.OnChatRequest();
        try
        {
            await HandleCoreAsync(context, start, number, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
        catch (Exception ex) when (!context.Response.HasStarted && ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "simulator request {Number} failed", number);
            await OpenAiError.WriteAsync(context, StatusCodes.Status500InternalServerError, "Simulator failure: " + ex.Message, "server_error", null, null, ct).ConfigureAwait(false);
        }
    }

    private async Task HandleCoreAsync(HttpContext context, long start, long number, CancellationToken ct)
    {
        if (options.RejectApiKeys)
        {
            var auth = context.Request.Headers.Authorization.ToString();
            var sentKey = auth.StartsWith("Bearer ", StringComparison.Ordinal) ? auth["Bearer ".Length..] : auth;
            await OpenAiError.WriteAsync(context, StatusCodes.Status401Unauthorized, $"Incorrect API key provided: {sentKey}. You can find your API key in your account settings.", "invalid_request_error", null, "invalid_api_key", ct).ConfigureAwait(false);
            return;
        }

        if (options.RequiredApiKey is { } key && !string.Equals(context.Request.Headers.Authorization.ToString(), "Bearer " + key, StringComparison.Ordinal))
        {
            await DialectErrors.UnauthorizedAsync(context, options.ErrorDialect, ct).ConfigureAwait(false);
            return;
        }

        ChatRequest request;
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, default, ct).ConfigureAwait(false);
            request = ChatRequest.Parse(document.RootElement);
        }
        catch (JsonException)
        {
            await OpenAiError.InvalidRequestAsync(context, "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)", null, null, ct).ConfigureAwait(false);
            return;
        }
        catch (InvalidRequestException ex)
        {
            await OpenAiError.InvalidRequestAsync(context, ex.Message, ex.Param, null, ct).ConfigureAwait(false);
            return;
        }

        if (!SimulatedModel.TryParse(request.Model, out var model))
        {
            await DialectErrors.ModelNotFoundAsync(context, options.ErrorDialect, request.Model, ct).ConfigureAwait(false);
            return;
        }

        var profile = options.Resolve(model.Id);
        var prompt = Prompt.Measure(request.Messages, options.PromptCaching);
        if (prompt.PromptTokens > profile.ContextWindowTokens)
        {
            await DialectErrors.ContextOverflowAsync(context, options.ErrorDialect, profile.ContextWindowTokens, prompt.PromptTokens, ct).ConfigureAwait(false);
            return;
        }

        if (options.TokensPerMinute is { } tpm && prompt.PromptTokens + (request.MaxCompletionTokens ?? 0) > tpm)
        {
            SetRetryHeaders(context.Response, TimeSpan.FromMilliseconds(options.Faults.RetryAfterMs));
            await DialectErrors.RequestTooLargeAsync(context, model.Id, tpm, prompt.PromptTokens + (request.MaxCompletionTokens ?? 0), ct).ConfigureAwait(false);
            return;
        }

        counters.OnLimits(request.Model, request.LimitsSent.MaxCompletionTokens, request.LimitsSent.MaxTokens);
        var fault = _faults.Draw(number);
        counters.OnArrival(fault);
        if (fault is { } kind and not (FaultKind.TruncatedStream or FaultKind.EarlyEnd))
        {
            counters.OnFault(kind);
            await FailAsync(context, kind, model.Id, ct).ConfigureAwait(false);
            return;
        }

        var reserved = prompt.PromptTokens + (long)(request.MaxCompletionTokens ?? 0);
        if (profile.RequestsPerMinute is not null || profile.TokensPerMinute is not null)
        {
            var admitted = _rateLimiter.TryAdmit(model.Id, profile.RequestsPerMinute, profile.TokensPerMinute, reserved, out var retryAfter, out var refusedBy, out var budget);
            // As OpenAI does on every response, so clients can pace themselves before hitting the limit.
            SetBudgetHeaders(context.Response, budget);
            if (!admitted)
            {
                counters.OnRateLimited(model.Id);
                await RateLimitedAsync(context, model.Id, retryAfter, refusedBy!, budget, reserved, ct).ConfigureAwait(false);
                return;
            }
            if (profile.TokensPerMinute is not null) counters.OnTokensCharged(model.Id, reserved);
        }

        var cachedTokens = options.PromptCaching ? _promptCache.LookupAndAdd(model.Id, prompt) : 0;
        // Streamed reasoning comes first and spends the output limit first; the answer gets what is left.
        var reasoning = request.Stream ? Math.Min(options.Stream.ReasoningTokens, request.MaxCompletionTokens ?? int.MaxValue) : 0;
        var answer = _answerer.Answer(model, prompt, request.MaxCompletionTokens - reasoning);
        var ttft = profile.Latency.TimeToFirstToken(prompt.PromptTokens, cachedTokens);
        var decode = profile.Latency.DecodeTime(reasoning + answer.CompletionTokens);
        var header = new CompletionHeader(
            string.Create(CultureInfo.InvariantCulture, $"chatcmpl-sim{SplitMix64.Mix(options.Seed ^ (ulong)number):x16}"),
            DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            request.Model);
        var truncate = fault is FaultKind.TruncatedStream or FaultKind.EarlyEnd;
        if (truncate) counters.OnFault(fault!.Value);

        var response = context.Response;
        response.Headers[TtftHeader] = ttft.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture);
        response.Headers[SourceHeader] = answer.Source;
        response.Headers["x-request-id"] = header.Id.Replace("chatcmpl-", "req_", StringComparison.Ordinal);
        var stream = new CompletionStream(response.BodyWriter, header, request.IncludeUsage);
        if (request.Stream)
        {
            response.ContentType = "text/event-stream; charset=utf-8";
            response.Headers.CacheControl = "no-cache";
            await StreamAsync(context, stream, answer, reasoning, prompt.PromptTokens, cachedTokens, start, ttft, decode, fault, () => ReturnUnused(model.Id, profile, request, reasoning + answer.CompletionTokens), ct).ConfigureAwait(false);
            if (truncate) return;
        }
        else
        {
            response.ContentType = "application/json";
            // Serialized before the wait: the waiter resumes on the timer thread, which must not do heavy work.
            var body = stream.SerializeCompletion(answer, prompt.PromptTokens, cachedTokens);
            await PreciseDelay.WaitUntilAsync(start, ttft + decode, ct).ConfigureAwait(false);
            if (truncate)
            {
                await response.Body.WriteAsync(body.AsMemory(0, body.Length / 2), ct).ConfigureAwait(false);
                await response.Body.FlushAsync(ct).ConfigureAwait(false);
                await AbortAfterDrainAsync(context, ct).ConfigureAwait(false);
                return;
            }

            ReturnUnused(model.Id, profile, request, answer.CompletionTokens);
            response.ContentLength = body.Length;
            await response.Body.WriteAsync(body, ct).ConfigureAwait(false);
            await PreciseDelay.LeaveTimerThread();
        }

        counters.OnCompleted();
    }

    /// <summary>Gives the unused part of a finished request's output reservation back, before the client can see its usage.</summary>
    private void ReturnUnused(string modelId, EffectiveModelProfile profile, ChatRequest request, int completionTokens)
    {
        if (profile.TokensPerMinute is null || request.MaxCompletionTokens is not { } max || max <= completionTokens) return;
        _rateLimiter.Refund(modelId, max - completionTokens);
        counters.OnTokensCharged(modelId, -(max - completionTokens));
    }

    private async Task StreamAsync(HttpContext context, CompletionStream stream, Answer answer, int reasoning, int promptTokens, int cachedTokens, long start, TimeSpan ttft, TimeSpan decode, FaultKind? fault, Action finished, CancellationToken ct)
    {
        var quirks = options.Stream;
        if (quirks.EmptyChoicesChunks) stream.WriteEmptyChoicesChunk(promptFilterResults: true);

        // Role-only first chunk, sent at once like OpenAI; it also carries the response headers to the client.
        stream.WriteChunk(role: "assistant", content: "", finishReason: null);
        await stream.FlushAsync(ct).ConfigureAwait(false);

        var pieces = AnswerText.SplitIntoPieces(answer.Text);
        // Reasoning tokens (one per chunk) come first, then the content pieces, all paced at the decode rate.
        var total = reasoning + pieces.Count;
        var truncate = fault is FaultKind.TruncatedStream or FaultKind.EarlyEnd;
        // A truncated stream keeps about half of the output (at least one chunk) and then dies.
        var sendCount = truncate ? Math.Max(1, total / 2) : total;
        // The decode schedule starts when the first token really left: a stall before it (a busy machine) delays the
        // whole answer instead of being caught up by a burst, which would read as a faster decode rate.
        var firstSent = start;
        for (var i = 0; i < Math.Min(sendCount, total); i++)
        {
            // Piece i is due when its share of the decode time has passed after the first token.
            var due = decode * i / total;
            if (i == 0)
            {
                await PreciseDelay.WaitUntilAsync(start, ttft, ct).ConfigureAwait(false);
            }
            else if (Stopwatch.GetElapsedTime(firstSent) < due)
            {
                await stream.FlushAsync(ct).ConfigureAwait(false);
                await PreciseDelay.WaitUntilCoarseAsync(firstSent, due, ct).ConfigureAwait(false);
            }

            if (i > 0 && i == total / 2)
            {
                if (quirks.EmptyChoicesChunks) stream.WriteEmptyChoicesChunk(promptFilterResults: false);
                if (quirks.UnknownEventName is { } name) stream.WriteUnknownEvent(name);
            }

            if (i < reasoning) stream.WriteReasoningChunk(quirks.ReasoningField, " step");
            else stream.WriteChunk(role: null, content: pieces[i - reasoning], finishReason: null);
            if (i == 0)
            {
                await stream.FlushAsync(ct).ConfigureAwait(false);
                firstSent = Stopwatch.GetTimestamp();
                await PreciseDelay.LeaveTimerThread();
            }
        }

        if (truncate)
        {
            await stream.FlushAsync(ct).ConfigureAwait(false);
            // EarlyEnd: the handler returns and the response ends cleanly, without finish, usage or [DONE].
            if (fault == FaultKind.TruncatedStream) await AbortAfterDrainAsync(context, ct).ConfigureAwait(false);
            return;
        }

        if (total == 0)
        {
            await PreciseDelay.WaitUntilAsync(start, ttft, ct).ConfigureAwait(false);
            await PreciseDelay.LeaveTimerThread();
        }

        await stream.FlushAsync(ct).ConfigureAwait(false);
        if (total == 0) await PreciseDelay.WaitUntilCoarseAsync(start, ttft + decode, ct).ConfigureAwait(false);
        else await PreciseDelay.WaitUntilCoarseAsync(firstSent, decode, ct).ConfigureAwait(false);
        finished();
        stream.WriteChunk(role: null, content: null, finishReason: answer.FinishReason);
        if (stream.IncludeUsage)
        {
            stream.WriteUsageChunk(promptTokens, cachedTokens, reasoning + answer.CompletionTokens, quirks.ReportReasoningTokens ? reasoning : null);
        }

        stream.WriteDone();
        await stream.FlushAsync(ct).ConfigureAwait(false);
    }

    // A flush only hands bytes to the transport; aborting at once can discard them, and the client would see a
    // dropped connection instead of a truncated response. Give the socket a moment to send what was flushed.
    private static async Task AbortAfterDrainAsync(HttpContext context, CancellationToken ct)
    {
        await Task.Delay(TruncationDrainTime, ct).ConfigureAwait(false);
        context.Abort();
    }

    private async Task FailAsync(HttpContext context, FaultKind kind, string modelId, CancellationToken ct)
    {
        switch (kind)
        {
            case FaultKind.RateLimit:
                SetRetryHeaders(context.Response, TimeSpan.FromMilliseconds(options.Faults.RetryAfterMs));
                await OpenAiError.WriteAsync(context, StatusCodes.Status429TooManyRequests, $"Rate limit reached for {modelId} in organization org-simulator on tokens per min (TPM). Please try again shortly.", "tokens", null, "rate_limit_exceeded", ct).ConfigureAwait(false);
                break;
            case FaultKind.InsufficientQuota:
                await OpenAiError.WriteAsync(context, StatusCodes.Status429TooManyRequests, "You exceeded your current quota, please check your plan and billing details.", "insufficient_quota", null, "insufficient_quota", ct).ConfigureAwait(false);
                break;
            case FaultKind.ServerError:
                await OpenAiError.WriteAsync(context, StatusCodes.Status500InternalServerError, "The server had an error while processing your request. Sorry about that!", "server_error", null, null, ct).ConfigureAwait(false);
                break;
            case FaultKind.ServiceUnavailable:
                await OpenAiError.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "The engine is currently overloaded, please try again later.", "server_error", null, null, ct).ConfigureAwait(false);
                break;
            case FaultKind.DropConnection:
                context.Abort();
                break;
            default:
                throw new UnreachableException(kind.ToString());
        }
    }

    private static Task RateLimitedAsync(HttpContext context, string modelId, TimeSpan retryAfter, string refusedBy, RateLimitSnapshot budget, long requested, CancellationToken ct)
    {
        var ms = (long)Math.Ceiling(retryAfter.TotalMilliseconds);
        context.Response.Headers["retry-after-ms"] = ms.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["retry-after"] = ((ms + 999) / 1000).ToString(CultureInfo.InvariantCulture);
        var wait = Math.Ceiling(retryAfter.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        var message = refusedBy == "tokens"
            ? string.Create(CultureInfo.InvariantCulture, $"Rate limit reached for {modelId} in organization org-simulator on tokens per min (TPM): Limit {Math.Floor(budget.LimitTokens ?? 0)}, Used {Math.Ceiling((budget.LimitTokens ?? 0) - budget.RemainingTokens)}, Requested {requested}. Please try again in {wait}ms.")
            : string.Create(CultureInfo.InvariantCulture, $"Rate limit reached for {modelId} in organization org-simulator on requests per min (RPM): Limit {Math.Floor(budget.LimitRequests ?? 0)}. Please try again in {wait}ms.");
        return OpenAiError.WriteAsync(context, StatusCodes.Status429TooManyRequests, message, refusedBy, null, "rate_limit_exceeded", ct);
    }

    /// <summary>OpenAI's <c>x-ratelimit-limit/remaining/reset-requests|tokens</c> for the budgets the model has.</summary>
    private static void SetBudgetHeaders(HttpResponse response, RateLimitSnapshot budget)
    {
        if (budget.LimitRequests is { } rpm)
        {
            response.Headers["x-ratelimit-limit-requests"] = Math.Floor(rpm).ToString(CultureInfo.InvariantCulture);
            response.Headers["x-ratelimit-remaining-requests"] = Math.Floor(budget.RemainingRequests).ToString(CultureInfo.InvariantCulture);
            response.Headers["x-ratelimit-reset-requests"] = ModelRateLimiter.GoDuration(budget.ResetRequests);
        }
        if (budget.LimitTokens is { } tpm)
        {
            response.Headers["x-ratelimit-limit-tokens"] = Math.Floor(tpm).ToString(CultureInfo.InvariantCulture);
            response.Headers["x-ratelimit-remaining-tokens"] = Math.Floor(budget.RemainingTokens).ToString(CultureInfo.InvariantCulture);
            response.Headers["x-ratelimit-reset-tokens"] = ModelRateLimiter.GoDuration(budget.ResetTokens);
        }
    }

    private static void SetRetryHeaders(HttpResponse response, TimeSpan retryAfter)
    {
        var ms = (long)Math.Ceiling(retryAfter.TotalMilliseconds);
        response.Headers["retry-after-ms"] = ms.ToString(CultureInfo.InvariantCulture);
        response.Headers["retry-after"] = ((ms + 999) / 1000).ToString(CultureInfo.InvariantCulture);
        response.Headers["x-ratelimit-reset-requests"] = ms.ToString(CultureInfo.InvariantCulture) + "ms";
    }
}
