using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using Polly;
using Polly.Retry;

namespace CrmAttention.Cli.LiveOrg
{
    /// <summary>How patient the client is.</summary>
    public sealed class WebApiClientOptions
    {
        /// <summary>Rows per page (Prefer: odata.maxpagesize, FetchXML count); Dataverse serves at most 5,000.</summary>
        public int PageSize { get; set; } = 5000;

        /// <summary>Retries of one request (429, 503, 502, 504, network faults), after which its error is reported.</summary>
        public int MaxRetries { get; set; } = 8;

        /// <summary>The total wait one request may spend in retries; a Retry-After that would pass it ends the retries.</summary>
        public TimeSpan RetryBudget { get; set; } = TimeSpan.FromMinutes(5);

        /// <summary>The first backoff without Retry-After; it doubles per attempt up to <see cref="MaxBackoff"/>.</summary>
        public TimeSpan FirstBackoff { get; set; } = TimeSpan.FromSeconds(1);

        public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>One attempt's time limit (the system clock; Dataverse itself ends a request after two minutes).</summary>
        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMinutes(3);

        /// <summary>The clock the retry waits run on; tests give one that does not sleep.</summary>
        public TimeProvider Time { get; set; } = TimeProvider.System;

        /// <summary>Told about every retry (status or fault, wait), for the console.</summary>
        public Action<string>? OnRetry { get; set; }
    }

    /// <summary>
    /// A Dataverse Web API client (OData v4 at &lt;org&gt;/api/data/v9.2/) over HttpClient: a bearer token from an
    /// <see cref="ITokenProvider"/> on every request, Polly retries on 429 and 503 (honouring Retry-After, as the service
    /// protection documentation asks) and on 502/504 and network faults with exponential backoff, within a bounded
    /// budget; paging through @odata.nextLink with Prefer: odata.maxpagesize, and FetchXML paging cookies; error JSON
    /// turned into one clear sentence (<see cref="WebApiErrors"/>). The next page is requested while the caller reads
    /// the current one.
    /// </summary>
    public sealed class WebApiClient : IDisposable
    {
        public const string ApiPath = "api/data/v9.2/";

        private static readonly ResiliencePropertyKey<TimeSpan> Waited = new ResiliencePropertyKey<TimeSpan>("crm-attention.waited");
        private static readonly ResiliencePropertyKey<bool> Idempotent = new ResiliencePropertyKey<bool>("crm-attention.idempotent");

        private readonly HttpClient _http;
        private readonly ITokenProvider _tokens;
        private readonly WebApiClientOptions _options;
        private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
        private string? _token;

        public WebApiClient(Uri orgUrl, ITokenProvider tokens, WebApiClientOptions? options = null, HttpMessageHandler? handler = null)
        {
            if (!orgUrl.IsAbsoluteUri || (orgUrl.Scheme != Uri.UriSchemeHttps && orgUrl.Scheme != Uri.UriSchemeHttp))
                throw new CliException("--org must be the environment's URL, e.g. https://contoso.crm4.dynamics.com.", "--org muss die URL der Umgebung sein, z. B. https://contoso.crm4.dynamics.com.");
            if (orgUrl.Scheme == Uri.UriSchemeHttp && !orgUrl.IsLoopback)
                throw new CliException("--org " + orgUrl + ": plain http is only for a local test host (127.0.0.1); Dataverse is https.", "--org " + orgUrl + ": unverschlüsseltes http nur für einen lokalen Testhost (127.0.0.1); Dataverse verwendet https.");
            OrgUrl = new Uri(orgUrl.GetLeftPart(UriPartial.Authority) + "/");
            ApiRoot = new Uri(OrgUrl, ApiPath);
            _tokens = tokens;
            _options = options ?? new WebApiClientOptions();
            _http = new HttpClient(handler ?? new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
            {
                Timeout = Timeout.InfiniteTimeSpan,
            };
            _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = _options.Time }
                .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
                {
                    MaxRetryAttempts = Math.Max(0, _options.MaxRetries),
                    ShouldHandle = args => new ValueTask<bool>(ShouldRetry(args.Outcome, args.AttemptNumber, args.Context)),
                    DelayGenerator = args =>
                    {
                        var delay = DelayFor(args.Outcome, args.AttemptNumber);
                        args.Context.Properties.Set(Waited, WaitedSoFar(args.Context) + delay);
                        return new ValueTask<TimeSpan?>(delay);
                    },
                    OnRetry = args =>
                    {
                        var what = args.Outcome.Result is HttpResponseMessage r ? ((int)r.StatusCode).ToString(CultureInfo.InvariantCulture) + " " + r.StatusCode : args.Outcome.Exception?.GetType().Name ?? "?";
                        _options.OnRetry?.Invoke(Text.T("The org answered " + what + "; retrying in " + Text.N(args.RetryDelay.TotalSeconds, 1) + " s (attempt " + (args.AttemptNumber + 2) + ").",
                            "Die Organisation antwortete " + what + "; neuer Versuch in " + Text.N(args.RetryDelay.TotalSeconds, 1) + " s (Versuch " + (args.AttemptNumber + 2) + ")."));
                        args.Outcome.Result?.Dispose();
                        return default;
                    },
                })
                .Build();
        }

        /// <summary>https://org.crm.dynamics.com/</summary>
        public Uri OrgUrl { get; }

        /// <summary>https://org.crm.dynamics.com/api/data/v9.2/</summary>
        public Uri ApiRoot { get; }

        public int PageSize => Math.Clamp(_options.PageSize, 1, 5000);

        /// <summary>Requests served, retries included (for progress and benchmarks).</summary>
        public long Requests => Interlocked.Read(ref _requests);

        private long _requests;

        /// <summary>
        /// Sends one request (built afresh for every attempt) with retries; a non-success answer becomes a
        /// <see cref="CliException"/>. The body is buffered, so a fault while reading it is retried too.
        /// </summary>
        public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string relativeOrAbsoluteUrl, JsonNode? body = null, Action<HttpRequestHeaders>? headers = null,
            CancellationToken cancellationToken = default)
        {
            var url = Resolve(relativeOrAbsoluteUrl);
            var context = ResilienceContextPool.Shared.Get(cancellationToken);
            // A POST is not repeated after a network fault (it may have been applied); 429 and 503 mean it was not.
            context.Properties.Set(Idempotent, method != HttpMethod.Post);
            var refreshed = false;
            try
            {
                while (true)
                {
                    var token = _token ??= await _tokens.GetTokenAsync(false, cancellationToken).ConfigureAwait(false);
                    var response = await _pipeline.ExecuteAsync(async ctx =>
                    {
                        using var request = new HttpRequestMessage(method, url);
                        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                        request.Headers.Add("OData-MaxVersion", "4.0");
                        request.Headers.Add("OData-Version", "4.0");
                        headers?.Invoke(request.Headers);
                        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
                        Interlocked.Increment(ref _requests);
                        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ctx.CancellationToken);
                        timeout.CancelAfter(_options.RequestTimeout);
                        var answer = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                        try
                        {
                            await answer.Content.LoadIntoBufferAsync(timeout.Token).ConfigureAwait(false);
                        }
                        catch
                        {
                            answer.Dispose();
                            throw;
                        }
                        return answer;
                    }, context).ConfigureAwait(false);
                    if (response.IsSuccessStatusCode) return response;
                    // A cached token may have expired between runs: ask for a fresh one once before reporting the 401.
                    if (response.StatusCode == HttpStatusCode.Unauthorized && _tokens.CanRefresh && !refreshed)
                    {
                        response.Dispose();
                        refreshed = true;
                        _token = await _tokens.GetTokenAsync(true, cancellationToken).ConfigureAwait(false);
                        continue;
                    }
                    using (response)
                    {
                        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                        throw WebApiErrors.ToException(response.StatusCode, text, method.Method, url, OrgUrl, _tokens.Describe());
                    }
                }
            }
            catch (HttpRequestException ex)
            {
                throw new CliException("Cannot reach " + OrgUrl + ": " + ex.Message, OrgUrl + " ist nicht erreichbar: " + ex.Message);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new CliException(OrgUrl + " did not answer within " + Text.N(_options.RequestTimeout.TotalSeconds, 0) + " s (" + method + " " + url.AbsolutePath + ").",
                    OrgUrl + " hat nicht innerhalb von " + Text.N(_options.RequestTimeout.TotalSeconds, 0) + " s geantwortet (" + method + " " + url.AbsolutePath + ").");
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }

        /// <summary>GET one JSON document (a single row, a function's answer).</summary>
        public async Task<JsonDocument> GetJsonAsync(string relativeUrl, CancellationToken cancellationToken = default)
        {
            using var response = await SendAsync(HttpMethod.Get, relativeUrl, cancellationToken: cancellationToken).ConfigureAwait(false);
            return await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>POST a row; returns its id from the OData-EntityId header.</summary>
        public async Task<Guid> CreateAsync(string entitySet, JsonObject row, CancellationToken cancellationToken = default)
        {
            using var response = await SendAsync(HttpMethod.Post, entitySet, row, cancellationToken: cancellationToken).ConfigureAwait(false);
            return IdFromEntityIdHeader(response) ?? throw new CliException("The org created the row but sent no OData-EntityId.", "Die Organisation hat die Zeile angelegt, aber keine OData-EntityId gesendet.");
        }

        /// <summary>PATCH an existing row (If-Match: * so that a row deleted meanwhile is not created again by the upsert).</summary>
        public async Task UpdateAsync(string entitySet, Guid id, JsonObject row, CancellationToken cancellationToken = default)
        {
            using var response = await SendAsync(HttpMethod.Patch, entitySet + "(" + id.ToString("D") + ")", row, h => h.IfMatch.Add(EntityTagHeaderValue.Any), cancellationToken)
                .ConfigureAwait(false);
        }

        /// <summary>
        /// Streams the rows of an OData query, page by page through @odata.nextLink (Prefer: odata.maxpagesize). The
        /// first page's @odata.count (when the query asks $count=true) goes to <paramref name="total"/>: null when
        /// Dataverse capped it at 5,000. Each row is valid until the next one is read.
        /// </summary>
        public IEnumerable<JsonElement> Query(string relativeUrl, Action<long?>? total = null, CancellationToken cancellationToken = default)
        {
            var pending = GetPageAsync(relativeUrl, true, cancellationToken);
            var first = true;
            try
            {
                while (pending is not null)
                {
                    using var page = pending.GetAwaiter().GetResult();
                    pending = null;
                    var root = page.RootElement;
                    if (first)
                    {
                        first = false;
                        // Dataverse counts to 5,000: a count of 5,000 means "5,000 or more", so the total is unknown.
                        if (total is not null) total(root.TryGetProperty("@odata.count", out var count) && count.TryGetInt64(out var n) && n < 5000 ? n : null);
                    }
                    if (root.TryGetProperty("@odata.nextLink", out var next) && next.GetString() is string link) pending = GetPageAsync(link, true, cancellationToken);
                    foreach (var row in Rows(root)) yield return row;
                }
            }
            finally
            {
                Abandon(pending);
            }
        }

        /// <summary>
        /// Streams the rows of a FetchXML query on <paramref name="entitySet"/>, page by page: each page sets the fetch's
        /// page, count and paging-cookie (from @Microsoft.Dynamics.CRM.fetchxmlpagingcookie, URL-decoded twice, as the
        /// FetchXML paging documentation describes). The first page asks for the total record count (capped at 5,000 → null).
        /// </summary>
        public IEnumerable<JsonElement> Fetch(string entitySet, XElement fetch, Action<long?>? total = null, CancellationToken cancellationToken = default)
        {
            var pageNumber = 1;
            string? cookie = null;
            var pending = GetPageAsync(FetchUrl(entitySet, fetch, pageNumber, cookie, total is not null), false, cancellationToken);
            try
            {
                while (pending is not null)
                {
                    using var page = pending.GetAwaiter().GetResult();
                    pending = null;
                    var root = page.RootElement;
                    if (pageNumber == 1 && total is not null)
                    {
                        var exceeded = root.TryGetProperty("@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded", out var e) && e.ValueKind == JsonValueKind.True;
                        var known = root.TryGetProperty("@Microsoft.Dynamics.CRM.totalrecordcount", out var count) && count.TryGetInt64(out var n) && n >= 0 && !exceeded;
                        total(known ? count.GetInt64() : null);
                    }
                    if (root.TryGetProperty("@Microsoft.Dynamics.CRM.morerecords", out var more) && more.ValueKind == JsonValueKind.True)
                    {
                        (pageNumber, cookie) = NextFetchPage(root, pageNumber);
                        pending = GetPageAsync(FetchUrl(entitySet, fetch, pageNumber, cookie, false), false, cancellationToken);
                    }
                    foreach (var row in Rows(root)) yield return row;
                }
            }
            finally
            {
                Abandon(pending);
            }
        }

        public void Dispose() => _http.Dispose();

        private static (int Page, string? Cookie) NextFetchPage(JsonElement root, int pageNumber)
        {
            if (root.TryGetProperty("@Microsoft.Dynamics.CRM.fetchxmlpagingcookie", out var value) && value.GetString() is string text)
            {
                var element = XElement.Parse(text);
                var page = int.TryParse(element.Attribute("pagenumber")?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? p : pageNumber + 1;
                var encoded = element.Attribute("pagingcookie")?.Value;
                return (page, string.IsNullOrEmpty(encoded) ? null : Uri.UnescapeDataString(Uri.UnescapeDataString(encoded)));
            }
            // No cookie (an ordering the platform cannot page with one): simple paging by page number.
            return (pageNumber + 1, null);
        }

        private string FetchUrl(string entitySet, XElement fetch, int page, string? cookie, bool withTotal)
        {
            var copy = new XElement(fetch);
            copy.SetAttributeValue("page", page.ToString(CultureInfo.InvariantCulture));
            copy.SetAttributeValue("count", PageSize.ToString(CultureInfo.InvariantCulture));
            copy.SetAttributeValue("paging-cookie", cookie);
            if (withTotal) copy.SetAttributeValue("returntotalrecordcount", "true");
            return entitySet + "?fetchXml=" + Uri.EscapeDataString(copy.ToString(SaveOptions.DisableFormatting));
        }

        private async Task<JsonDocument> GetPageAsync(string url, bool odataPaging, CancellationToken cancellationToken)
        {
            var size = PageSize.ToString(CultureInfo.InvariantCulture);
            using var response = await SendAsync(HttpMethod.Get, url, null, h =>
            {
                if (odataPaging) h.Add("Prefer", "odata.maxpagesize=" + size);
            }, cancellationToken).ConfigureAwait(false);
            return await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
        }

        private static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return JsonDocument.Parse(bytes);
            }
            catch (JsonException ex)
            {
                throw new CliException("The org's answer is not JSON: " + ex.Message, "Die Antwort der Organisation ist kein JSON: " + ex.Message);
            }
        }

        private static IEnumerable<JsonElement> Rows(JsonElement root)
        {
            if (!root.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Array)
                throw new CliException("The org's answer has no \"value\" array of rows.", "Die Antwort der Organisation hat kein \"value\"-Feld mit Zeilen.");
            return value.EnumerateArray();
        }

        private static void Abandon(Task<JsonDocument>? pending)
        {
            // The caller stopped reading: the prefetched page is not needed, but its task is observed and its document freed.
            pending?.ContinueWith(t =>
            {
                if (t.IsCompletedSuccessfully) t.Result.Dispose();
                else _ = t.Exception;
            }, TaskScheduler.Default);
        }

        private Uri Resolve(string relativeOrAbsolute)
        {
            if (Uri.TryCreate(relativeOrAbsolute, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps))
            {
                // A nextLink is absolute; it must point at the same org (never send the token elsewhere).
                if (!string.Equals(absolute.GetLeftPart(UriPartial.Authority), OrgUrl.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
                    throw new CliException("The org sent a link to another host (" + absolute.Host + "); the tool does not follow it.", "Die Organisation hat einen Link auf einen anderen Host gesendet (" + absolute.Host + "); das Werkzeug folgt ihm nicht.");
                return absolute;
            }
            return new Uri(ApiRoot, relativeOrAbsolute);
        }

        private static Guid? IdFromEntityIdHeader(HttpResponseMessage response)
        {
            if (!response.Headers.TryGetValues("OData-EntityId", out var values)) return null;
            var text = values.FirstOrDefault() ?? "";
            var open = text.LastIndexOf('(');
            var close = text.LastIndexOf(')');
            return open >= 0 && close > open && Guid.TryParse(text.AsSpan(open + 1, close - open - 1), out var id) ? id : null;
        }

        private bool ShouldRetry(Outcome<HttpResponseMessage> outcome, int attempt, ResilienceContext context)
        {
            if (outcome.Exception is not null)
            {
                var transient = outcome.Exception is HttpRequestException or IOException
                    || (outcome.Exception is OperationCanceledException && !context.CancellationToken.IsCancellationRequested);
                if (!transient || !context.Properties.GetValue(Idempotent, true)) return false;
            }
            else if (outcome.Result is HttpResponseMessage response)
            {
                var status = (int)response.StatusCode;
                var retryable = status == 429 || status == 503 || (context.Properties.GetValue(Idempotent, true) && (status == 502 || status == 504));
                if (!retryable) return false;
            }
            else
            {
                return false;
            }
            return WaitedSoFar(context) + DelayFor(outcome, attempt) <= _options.RetryBudget;
        }

        /// <summary>Retry-After (seconds or a date) when the org sends it, else exponential backoff from the first wait.</summary>
        private TimeSpan DelayFor(Outcome<HttpResponseMessage> outcome, int attempt)
        {
            if (outcome.Result?.Headers.RetryAfter is RetryConditionHeaderValue retryAfter)
            {
                if (retryAfter.Delta is TimeSpan delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
                if (retryAfter.Date is DateTimeOffset date)
                {
                    var wait = date - _options.Time.GetUtcNow();
                    return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
                }
            }
            var backoff = _options.FirstBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 20));
            return TimeSpan.FromMilliseconds(Math.Min(backoff, _options.MaxBackoff.TotalMilliseconds));
        }

        private static TimeSpan WaitedSoFar(ResilienceContext context) => context.Properties.GetValue(Waited, TimeSpan.Zero);
    }
}
