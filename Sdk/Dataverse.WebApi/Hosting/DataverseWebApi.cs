using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.ServiceModel;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using System.Xml;
using System.Xml.Linq;
using Dataverse.InMemory;
using Dataverse.InMemory.Faults;
using Dataverse.WebApi.Model;
using Dataverse.WebApi.Protocol;
using Dataverse.WebApi.Query;
using Dataverse.WebApi.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.OData;
using Microsoft.OData.UriParser;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace Dataverse.WebApi.Hosting
{
    /// <summary>
    /// The Dataverse Web API at <c>/api/data/v9.2/</c> over an <see cref="InMemoryDataverse"/>: authenticates the
    /// caller, applies impersonation and service protection, parses the OData URL against the service's EDM model
    /// and answers as Dataverse does. Every data operation goes through the organization service, so the plugin
    /// pipeline runs.
    /// </summary>
    public sealed class DataverseWebApi
    {
        /// <summary>The path the API is served at.</summary>
        public const string RootPath = "/api/data/v9.2";

        /// <summary>The session cookie a signed-in browser sends instead of a bearer token (Dataverse's is CrmOwinAuth).</summary>
        public const string SessionCookie = "CrmOwinAuth";

        private static readonly HashSet<string> SupportedOptions = new(StringComparer.Ordinal)
        {
            "$select", "$filter", "$orderby", "$top", "$count", "$expand", "$skiptoken", "fetchXml",
        };

        private readonly InMemoryDataverse dataverse;
        private readonly WebApiOptions options;
        private readonly ConcurrentDictionary<Guid, Queue<DateTimeOffset>> requestTimes = new();
        private readonly Lazy<string> csdl;

        public DataverseWebApi(InMemoryDataverse dataverse, ServiceModel model, WebApiOptions options)
        {
            this.dataverse = dataverse ?? throw new ArgumentNullException(nameof(dataverse));
            Model = model ?? throw new ArgumentNullException(nameof(model));
            this.options = options ?? throw new ArgumentNullException(nameof(options));
            if (options.Tokens.Count == 0) throw new ArgumentException("The Web API needs at least one bearer token (WebApiOptions.AddToken).", nameof(options));
            csdl = new Lazy<string>(WriteCsdl);
        }

        public ServiceModel Model { get; }

        /// <summary>
        /// GET /signin?token=…&amp;redirect=/path: a browser signs in with a token it was given and gets the session
        /// cookie, as a Dataverse web resource runs in a signed-in session; then it is sent to the local path.
        /// </summary>
        public Task SignInAsync(HttpContext http)
        {
            var token = http.Request.Query["token"].ToString();
            var redirect = http.Request.Query["redirect"].ToString();
            if (!options.Tokens.ContainsKey(token))
            {
                http.Response.StatusCode = 401;
                return Task.CompletedTask;
            }
            http.Response.Cookies.Append(SessionCookie, token, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/" });
            // Only a path on this host: never an open redirect.
            http.Response.Redirect(redirect.StartsWith('/') && !redirect.StartsWith("//", StringComparison.Ordinal) ? redirect : "/");
            return Task.CompletedTask;
        }

        /// <summary>
        /// GET /WebResources/&lt;name&gt;: a web resource from <see cref="WebApiOptions.WebResources"/>;
        /// ClientGlobalContext.js.aspx gives an HTML web resource the org URL and the signed-in user's settings.
        /// </summary>
        public async Task WebResourceAsync(HttpContext http)
        {
            var name = (http.Request.Path.Value ?? "").TrimStart('/');
            http.Response.Headers.CacheControl = "no-store";
            if (string.Equals(name, "ClientGlobalContext.js.aspx", StringComparison.OrdinalIgnoreCase))
            {
                var userId = Authenticate(http);
                if (userId == null)
                {
                    http.Response.StatusCode = 401;
                    return;
                }
                var user = dataverse.Get("systemuser", userId.Value);
                var settings = new Dictionary<string, object?>
                {
                    ["clientUrl"] = $"{http.Request.Scheme}://{http.Request.Host}",
                    ["languageId"] = LanguageOf(userId.Value),
                    ["userId"] = "{" + userId.Value.ToString("D").ToUpperInvariant() + "}",
                    ["userName"] = user?.GetAttributeValue<string>("fullname"),
                    ["orgUniqueName"] = dataverse.OrganizationName,
                };
                http.Response.ContentType = "text/javascript; charset=utf-8";
                await http.Response.WriteAsync(
                    "var __crmContext = " + JsonSerializer.Serialize(settings) + ";\n" +
                    "function GetGlobalContext() { return { getClientUrl: function () { return __crmContext.clientUrl; }, " +
                    "getUserId: function () { return __crmContext.userId; }, getUserName: function () { return __crmContext.userName; }, " +
                    "getOrgUniqueName: function () { return __crmContext.orgUniqueName; }, " +
                    "userSettings: { languageId: __crmContext.languageId, userId: __crmContext.userId, userName: __crmContext.userName, " +
                    "getTimeZoneOffsetMinutes: function () { return 0; } }, client: { getClientState: function () { return \"Online\"; } } }; }\n").ConfigureAwait(false);
                return;
            }
            if (!options.WebResources.TryGetValue(name, out var file) || !File.Exists(file))
            {
                http.Response.StatusCode = 404;
                return;
            }
            http.Response.ContentType = Path.GetExtension(file).ToLowerInvariant() switch
            {
                ".html" or ".htm" => "text/html; charset=utf-8",
                ".js" => "text/javascript; charset=utf-8",
                ".css" => "text/css; charset=utf-8",
                ".png" => "image/png",
                ".svg" => "image/svg+xml",
                _ => "application/octet-stream",
            };
            await http.Response.SendFileAsync(file).ConfigureAwait(false);
        }

        public async Task HandleAsync(HttpContext http)
        {
            http.Response.Headers["OData-Version"] = "4.0";
            try
            {
                var userId = Authenticate(http);
                if (userId == null)
                {
                    http.Response.StatusCode = 401;
                    http.Response.Headers.WWWAuthenticate = "Bearer";
                    return;
                }
                Throttle(userId.Value);
                var caller = Impersonate(http, userId.Value);
                await DispatchAsync(http, caller).ConfigureAwait(false);
            }
            catch (WebApiException ex)
            {
                await WriteErrorAsync(http, ex).ConfigureAwait(false);
            }
            catch (FaultException<OrganizationServiceFault> fault)
            {
                await WriteErrorAsync(http, WebApiException.FromFault(fault)).ConfigureAwait(false);
            }
            catch (ODataUnrecognizedPathException ex)
            {
                await WriteErrorAsync(http, new WebApiException(404, WebApiException.ResourceNotFound, ex.Message)).ConfigureAwait(false);
            }
            catch (ODataException ex)
            {
                await WriteErrorAsync(http, new WebApiException(400, 0, ex.Message)).ConfigureAwait(false);
            }
            catch (JsonException ex)
            {
                await WriteErrorAsync(http, new WebApiException(400, 0, "The request body is not valid JSON: " + ex.Message)).ConfigureAwait(false);
            }
        }

        // ── Authentication, service protection, impersonation ──

        private Guid? Authenticate(HttpContext http)
        {
            var header = http.Request.Headers.Authorization.ToString();
            string? token = null;
            if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) token = header["Bearer ".Length..].Trim();
            else if (header.Length == 0 && http.Request.Cookies.TryGetValue(SessionCookie, out var cookie)) token = cookie;
            if (token == null || !options.Tokens.TryGetValue(token, out var user)) return null;
            return user ?? dataverse.DefaultUserId;
        }

        private void Throttle(Guid userId)
        {
            if (options.ServiceProtection is not { } limits) return;
            var now = options.Time.GetUtcNow();
            var times = requestTimes.GetOrAdd(userId, _ => new Queue<DateTimeOffset>());
            lock (times)
            {
                while (times.Count > 0 && times.Peek() <= now - limits.Window) times.Dequeue();
                if (times.Count >= limits.MaxRequests)
                {
                    var wait = times.Peek() + limits.Window - now;
                    throw new WebApiException(429, WebApiException.RequestsExceeded,
                        $"Number of requests exceeded the limit of {limits.MaxRequests} over time window of {(int)limits.Window.TotalSeconds} seconds.")
                    {
                        RetryAfterSeconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)),
                    };
                }
                times.Enqueue(now);
            }
        }

        /// <summary>MSCRMCallerID (a systemuserid) or CallerObjectId (the user's Microsoft Entra object id) impersonate another user.</summary>
        private Guid Impersonate(HttpContext http, Guid userId)
        {
            if (http.Request.Headers.TryGetValue("MSCRMCallerID", out var callerId))
            {
                if (!Guid.TryParse(callerId.ToString(), out var id)) throw WebApiException.BadRequest($"The MSCRMCallerID header '{callerId}' is not a GUID.");
                if (id != userId) CheckMayImpersonate(userId);
                if (dataverse.Get("systemuser", id) == null) throw new WebApiException(404, ErrorCodes.ObjectDoesNotExist, $"systemuser With Id = {id:D} Does Not Exist");
                return id;
            }
            if (http.Request.Headers.TryGetValue("CallerObjectId", out var objectId))
            {
                if (!Guid.TryParse(objectId.ToString(), out var aad)) throw WebApiException.BadRequest($"The CallerObjectId header '{objectId}' is not a GUID.");
                var user = dataverse.Rows("systemuser").FirstOrDefault(u => u.GetAttributeValue<Guid?>("azureactivedirectoryobjectid") == aad);
                if (user?.Id != userId) CheckMayImpersonate(userId);
                return user?.Id ?? throw new WebApiException(404, ErrorCodes.ObjectDoesNotExist, $"No systemuser has the azureactivedirectoryobjectid {aad:D}.");
            }
            return userId;
        }

        /// <summary>
        /// Impersonation needs prvActOnBehalfOfAnotherUser (the Delegate role's privilege) on the calling user; without
        /// it Dataverse refuses the request with 0x80040220 before running it as anyone. Who holds it: the options'
        /// roles or callback when set, else, while the org enforces security, the roles assigned to the user directly.
        /// </summary>
        private const string ImpersonationPrivilege = "prvActOnBehalfOfAnotherUser";

        private void CheckMayImpersonate(Guid callerId)
        {
            var holds = options.ImpersonatorRoles is { } roles ? HoldsRole(callerId, roles)
                : options.CanImpersonate is { } can ? can(callerId)
                : !dataverse.EnforceSecurity || dataverse.Security.HoldsDirectly(callerId, ImpersonationPrivilege);
            if (holds) return;
            throw new WebApiException(403, WebApiException.PrivilegeDenied, LanguageOf(callerId) == 1031
                ? $"Dem Prinzipalbenutzer (Id={callerId:D}, type=8) fehlt das Recht prvActOnBehalfOfAnotherUser (Im Auftrag eines anderen Benutzers handeln)."
                : $"Principal user (Id={callerId:D}, type=8) is missing prvActOnBehalfOfAnotherUser privilege (Act on Behalf of Another User).");
        }

        // The privilege counts only through a role assigned to the user directly (systemuserroles), not through a team.
        private bool HoldsRole(Guid userId, IReadOnlySet<string> roleNames)
        {
            var roleIds = dataverse.Rows("systemuserroles")
                .Where(r => r.GetAttributeValue<Guid?>("systemuserid") == userId)
                .Select(r => r.GetAttributeValue<Guid?>("roleid"))
                .ToHashSet();
            return dataverse.Rows("role").Any(r => roleIds.Contains(r.GetAttributeValue<Guid?>("roleid") ?? r.Id) && r.GetAttributeValue<string>("name") is { } name && roleNames.Contains(name));
        }

        // ── Dispatch ──

        private async Task DispatchAsync(HttpContext http, Guid userId)
        {
            var request = http.Request;
            // Mapped at RootPath: PathBase is /api/data/v9.2 and Path the rest.
            var full = request.PathBase.Value + request.Path.Value;
            var relative = full.Length > RootPath.Length ? full[(RootPath.Length + 1)..] : "";
            var baseUri = new Uri($"{request.Scheme}://{request.Host}{RootPath}/");
            var context = new RequestContext(http, baseUri, dataverse.CreateService(userId), LanguageOf(userId), userId);
            if (relative.Length == 0)
            {
                await WriteServiceDocumentAsync(context).ConfigureAwait(false);
                return;
            }
            if (relative == "$metadata")
            {
                http.Response.ContentType = "application/xml";
                await http.Response.WriteAsync(csdl.Value).ConfigureAwait(false);
                return;
            }
            if (relative == "$batch") throw WebApiException.Unsupported("$batch requests are not supported by this host.");
            CheckQueryOptions(request.Query);
            var parser = new ODataUriParser(Model.Edm, baseUri, new Uri(baseUri, relative + QueryForParser(request.Query)))
            {
                Resolver = new ODataUriResolver { EnableCaseInsensitive = false },
            };
            var path = parser.ParsePath();
            var segments = path.ToList();
            switch (segments[0])
            {
                case OperationImportSegment import:
                    await OperationAsync(context, parser, import.OperationImports.Single().Operation.Name, import.Parameters, null).ConfigureAwait(false);
                    return;
                case EntitySetSegment set:
                    var table = Model.TableBySet(set.EntitySet.Name) ?? throw WebApiException.NotFoundSegment(set.EntitySet.Name);
                    if (segments.Count == 1)
                    {
                        await CollectionAsync(context, parser, table).ConfigureAwait(false);
                        return;
                    }
                    if (segments.Count == 2 && segments[1] is CountSegment)
                    {
                        await CountAsync(context, parser, table).ConfigureAwait(false);
                        return;
                    }
                    if (segments[1] is not KeySegment key) throw WebApiException.Unsupported($"The segment '{segments[1].Identifier}' after an entity set is not supported.");
                    var id = KeyOf(table, key);
                    if (segments.Count == 2)
                    {
                        await EntityAsync(context, parser, table, id).ConfigureAwait(false);
                        return;
                    }
                    if (segments.Count == 3 && segments[2] is OperationSegment bound)
                    {
                        await OperationAsync(context, parser, bound.Operations.Single().Name, bound.Parameters, new EntityReference(table.LogicalName, id)).ConfigureAwait(false);
                        return;
                    }
                    throw WebApiException.Unsupported($"The segment '{segments[2].Identifier}' is not supported; address a record, its operations or the collection.");
                default:
                    throw WebApiException.NotFoundSegment(segments[0].Identifier);
            }
        }

        /// <summary>The query the OData parser sees: the standard options only (fetchXml and $skiptoken are read here).</summary>
        private static string QueryForParser(IQueryCollection query)
        {
            var parts = query.Where(q => q.Key.StartsWith('$') && q.Key != "$skiptoken" || q.Key.StartsWith('@'))
                .Select(q => Uri.EscapeDataString(q.Key) + "=" + Uri.EscapeDataString(q.Value.ToString()));
            var text = string.Join("&", parts);
            return text.Length == 0 ? "" : "?" + text;
        }

        private static void CheckQueryOptions(IQueryCollection query)
        {
            foreach (var key in query.Keys)
            {
                if (key.StartsWith('@')) continue;
                if (!SupportedOptions.Contains(key)) throw WebApiException.Unsupported($"The query parameter {key} is not supported.");
            }
        }

        private static Guid KeyOf(TableModel table, KeySegment key)
        {
            var pair = key.Keys.Single();
            if (pair.Key != table.PrimaryIdAttribute || pair.Value is not Guid id)
            {
                throw WebApiException.Unsupported($"The key '{pair.Key}' of {table.EntitySetName} is not supported; address records by {table.PrimaryIdAttribute}.");
            }
            return id;
        }

        // ── Collections ──

        private async Task CollectionAsync(RequestContext context, ODataUriParser parser, TableModel table)
        {
            var method = context.Http.Request.Method;
            if (HttpMethods.IsPost(method))
            {
                await CreateAsync(context, parser, table).ConfigureAwait(false);
                return;
            }
            if (!HttpMethods.IsGet(method)) throw MethodNotAllowed(method);
            var request = context.Http.Request;
            var annotations = AnnotationFilter.Parse(Preference(request, "odata.include-annotations"));
            if (request.Query.TryGetValue("fetchXml", out var fetchXml))
            {
                foreach (var key in request.Query.Keys.Where(k => k != "fetchXml"))
                {
                    throw WebApiException.Unsupported($"The query parameter {key} cannot be combined with fetchXml.");
                }
                await FetchAsync(context, table, fetchXml.ToString(), annotations).ConfigureAwait(false);
                return;
            }

            var selection = QueryTranslator.Selection(table, parser.ParseSelectAndExpand(), Model);
            var query = new QueryExpression(table.LogicalName) { ColumnSet = ColumnsToRead(table, selection) };
            if (parser.ParseFilter() is { } filter) query.Criteria = QueryTranslator.Filter(table, filter);
            foreach (var order in QueryTranslator.Orders(table, parser.ParseOrderBy())) query.Orders.Add(order);
            var top = parser.ParseTop();
            var count = parser.ParseCount() == true;
            var pageSize = PageSize(request, out var pageSizeRequested);
            if (top is long t)
            {
                if (t < 0) throw WebApiException.BadRequest("$top must not be negative.");
                query.TopCount = (int)Math.Min(t, options.MaxPageSize);
            }
            else
            {
                query.PageInfo = new PagingInfo { Count = pageSize, PageNumber = 1, ReturnTotalRecordCount = count };
                if (request.Query.TryGetValue("$skiptoken", out var skipToken)) ApplySkipToken(query.PageInfo, skipToken.ToString());
            }
            var rows = context.Service.RetrieveMultiple(query);

            var applied = new List<string>();
            if (annotations.Raw != null) applied.Add(annotations.Raw);
            if (pageSizeRequested) applied.Add("odata.maxpagesize=" + pageSize.ToString(CultureInfo.InvariantCulture));
            if (applied.Count > 0) context.Http.Response.Headers["Preference-Applied"] = string.Join(",", applied);

            string? nextLink = null;
            if (top == null && rows.MoreRecords)
            {
                var pageNumber = query.PageInfo!.PageNumber + 1;
                var token = $"<cookie pagenumber=\"{pageNumber}\" pagingcookie=\"{Uri.EscapeDataString(rows.PagingCookie ?? "")}\" istracking=\"False\" />";
                var others = request.Query.Where(q => q.Key != "$skiptoken").Select(q => Uri.EscapeDataString(q.Key) + "=" + Uri.EscapeDataString(q.Value.ToString()));
                nextLink = context.BaseUri + table.EntitySetName + "?" + string.Join("&", others.Append("$skiptoken=" + Uri.EscapeDataString(token)));
            }
            if (count && top != null)
            {
                // $top and a total count are two questions: the count is of every matching row (up to 5,000).
                var counting = new QueryExpression(table.LogicalName) { ColumnSet = new ColumnSet(table.PrimaryIdAttribute), Criteria = query.Criteria };
                counting.PageInfo = new PagingInfo { Count = 1, PageNumber = 1, ReturnTotalRecordCount = true };
                var counted = context.Service.RetrieveMultiple(counting);
                rows.TotalRecordCount = counted.TotalRecordCount;
                rows.TotalRecordCountLimitExceeded = counted.TotalRecordCountLimitExceeded;
            }
            var contextUrl = context.BaseUri + "$metadata#" + table.EntitySetName + SelectSuffix(table, selection);
            // Expanded records are read before the answer starts, so that a fault reading one still answers as an error.
            var expander = new Expander(this, context, selection);
            var expansions = rows.Entities.Select(expander.For).ToList();
            var http = context.Http;
            http.Response.StatusCode = 200;
            http.Response.ContentType = JsonContentType;
            // A page of 5,000 rows is megabytes: it is written to the response as it is produced, a flush every
            // FlushBytes, rather than built in memory first.
            await using var json = new Utf8JsonWriter(http.Response.BodyWriter, JsonOptions);
            var writer = new EntityJsonWriter(Model, annotations, context.LanguageCode, NameOf);
            json.WriteStartObject();
            json.WriteString("@odata.context", contextUrl);
            // @odata.count stops at 5,000; the two annotations, when asked for, tell 5,000 from more (-1 and false
            // without $count=true).
            if (count) json.WriteNumber("@odata.count", rows.TotalRecordCount);
            if (annotations.IncludeTotalRecordCount) json.WriteNumber(AnnotationFilter.TotalRecordCountProperty, count ? rows.TotalRecordCount : -1);
            if (annotations.IncludeTotalRecordCountLimitExceeded) json.WriteBoolean(AnnotationFilter.TotalRecordCountLimitExceededProperty, count && rows.TotalRecordCountLimitExceeded);
            json.WriteStartArray("value");
            for (var i = 0; i < rows.Entities.Count; i++)
            {
                writer.WriteEntity(json, table, rows.Entities[i], selection.Columns, false, expansions[i], Model.Table, expander.ColumnsOf);
                if (json.BytesPending >= FlushBytes)
                {
                    json.Flush();
                    await http.Response.BodyWriter.FlushAsync(http.RequestAborted).ConfigureAwait(false);
                }
            }
            json.WriteEndArray();
            if (nextLink != null) json.WriteString("@odata.nextLink", nextLink);
            json.WriteEndObject();
            json.Flush();
            await http.Response.BodyWriter.FlushAsync(http.RequestAborted).ConfigureAwait(false);
        }

        private static string SelectSuffix(TableModel table, Selection selection)
        {
            if (selection.Columns == null && selection.Expands.Count == 0) return "";
            var parts = new List<string>();
            if (selection.Columns != null)
            {
                parts.AddRange(selection.Columns.Select(c => table.Metadata.Column(c) is { } column ? TableModel.PropertyName(column) : c));
            }
            parts.AddRange(selection.Expands.Select(e => e.NavigationName + "(" + (e.Columns == null ? "" : string.Join(",", e.Columns)) + ")"));
            return "(" + string.Join(",", parts) + ")";
        }

        private int PageSize(HttpRequest request, out bool requested)
        {
            requested = false;
            var value = Preference(request, "odata.maxpagesize");
            if (value == null) return options.MaxPageSize;
            if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var size) || size <= 0)
            {
                throw WebApiException.BadRequest($"The odata.maxpagesize preference '{value}' is not a positive whole number.");
            }
            // Dataverse ignores a page size above 5,000.
            if (size > options.MaxPageSize) return options.MaxPageSize;
            requested = true;
            return size;
        }

        private static void ApplySkipToken(PagingInfo page, string token)
        {
            try
            {
                var cookie = XElement.Parse(token);
                page.PageNumber = int.Parse(cookie.Attribute("pagenumber")?.Value ?? "1", CultureInfo.InvariantCulture);
                var paging = cookie.Attribute("pagingcookie")?.Value;
                if (!string.IsNullOrEmpty(paging)) page.PagingCookie = Uri.UnescapeDataString(paging);
            }
            catch (Exception ex) when (ex is XmlException or FormatException or OverflowException)
            {
                throw WebApiException.BadRequest($"The $skiptoken '{token}' is not one this service issued.");
            }
        }

        private async Task CountAsync(RequestContext context, ODataUriParser parser, TableModel table)
        {
            var query = new QueryExpression(table.LogicalName) { ColumnSet = new ColumnSet(table.PrimaryIdAttribute) };
            if (parser.ParseFilter() is { } filter) query.Criteria = QueryTranslator.Filter(table, filter);
            query.PageInfo = new PagingInfo { Count = options.MaxPageSize, PageNumber = 1 };
            var rows = context.Service.RetrieveMultiple(query);
            context.Http.Response.ContentType = "text/plain";
            // Like Dataverse, /$count counts up to 5,000.
            await context.Http.Response.WriteAsync(rows.Entities.Count.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
        }

        private async Task FetchAsync(RequestContext context, TableModel table, string fetchXml, AnnotationFilter annotations)
        {
            XDocument document;
            try
            {
                document = XDocument.Parse(fetchXml);
            }
            catch (XmlException ex)
            {
                throw WebApiException.BadRequest("The fetchXml parameter is not valid XML: " + ex.Message);
            }
            var entityName = document.Root?.Element("entity")?.Attribute("name")?.Value;
            if (entityName != table.LogicalName)
            {
                throw WebApiException.BadRequest($"The fetchXml queries '{entityName}', but the request addresses the entity set {table.EntitySetName} ({table.LogicalName}).");
            }
            if (options.AggregateLimit is int limit && document.Root!.Attribute("aggregate")?.Value == "true" && document.Root.Attribute("aggregatelimit") == null)
            {
                document.Root.SetAttributeValue("aggregatelimit", limit);
                fetchXml = document.ToString(SaveOptions.DisableFormatting);
            }
            var rows = context.Service.RetrieveMultiple(new FetchExpression(fetchXml));
            if (annotations.Raw != null) context.Http.Response.Headers["Preference-Applied"] = annotations.Raw;
            await WriteJsonAsync(context.Http, 200, json =>
            {
                var writer = new EntityJsonWriter(Model, annotations, context.LanguageCode, NameOf);
                json.WriteStartObject();
                json.WriteString("@odata.context", context.BaseUri + "$metadata#" + table.EntitySetName);
                if (rows.TotalRecordCount >= 0 && document.Root!.Attribute("returntotalrecordcount")?.Value == "true")
                {
                    json.WriteNumber("@Microsoft.Dynamics.CRM.totalrecordcount", rows.TotalRecordCount);
                    json.WriteBoolean("@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded", rows.TotalRecordCountLimitExceeded);
                }
                json.WriteStartArray("value");
                foreach (var row in rows.Entities) writer.WriteFetchRow(json, table, row);
                json.WriteEndArray();
                if (rows.MoreRecords)
                {
                    var page = int.TryParse(document.Root!.Attribute("page")?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? p : 1;
                    var cookie = $"<cookie pagenumber=\"{page + 1}\" pagingcookie=\"{Uri.EscapeDataString(Uri.EscapeDataString(rows.PagingCookie ?? ""))}\" istracking=\"False\" />";
                    json.WriteString("@Microsoft.Dynamics.CRM.fetchxmlpagingcookie", cookie);
                    json.WriteBoolean("@Microsoft.Dynamics.CRM.morerecords", true);
                }
                json.WriteEndObject();
            }).ConfigureAwait(false);
        }

        // ── Single records ──

        private async Task EntityAsync(RequestContext context, ODataUriParser parser, TableModel table, Guid id)
        {
            var method = context.Http.Request.Method;
            if (HttpMethods.IsGet(method))
            {
                var annotations = AnnotationFilter.Parse(Preference(context.Http.Request, "odata.include-annotations"));
                if (annotations.Raw != null) context.Http.Response.Headers["Preference-Applied"] = annotations.Raw;
                var selection = QueryTranslator.Selection(table, parser.ParseSelectAndExpand(), Model);
                if (parser.ParseFilter() != null || parser.ParseOrderBy() != null || parser.ParseTop() != null || parser.ParseCount() != null)
                {
                    throw WebApiException.Unsupported("$filter, $orderby, $top and $count apply to collections, not to a single record.");
                }
                var row = context.Service.Retrieve(table.LogicalName, id, ColumnsToRead(table, selection));
                await WriteRecordAsync(context, table, row, selection, annotations, 200).ConfigureAwait(false);
                return;
            }
            if (HttpMethods.IsPatch(method))
            {
                await PatchAsync(context, parser, table, id).ConfigureAwait(false);
                return;
            }
            if (HttpMethods.IsDelete(method))
            {
                var delete = new DeleteRequest { Target = new EntityReference(table.LogicalName, id) };
                var ifMatch = context.Http.Request.Headers.IfMatch.ToString();
                if (ifMatch.Length > 0 && ifMatch != "*")
                {
                    delete.ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches;
                    delete.Target.RowVersion = RowVersionOf(ifMatch);
                }
                context.Service.Execute(delete);
                context.Http.Response.StatusCode = 204;
                return;
            }
            throw MethodNotAllowed(method);
        }

        private async Task WriteRecordAsync(RequestContext context, TableModel table, Entity row, Selection selection, AnnotationFilter annotations, int status)
        {
            var contextUrl = context.BaseUri + "$metadata#" + table.EntitySetName + SelectSuffix(table, selection) + "/$entity";
            await WriteJsonAsync(context.Http, status, json =>
            {
                var writer = new EntityJsonWriter(Model, annotations, context.LanguageCode, NameOf);
                var expander = new Expander(this, context, selection);
                writer.WriteEntity(json, table, row, selection.Columns, false, expander.For(row), Model.Table, expander.ColumnsOf, contextUrl);
            }).ConfigureAwait(false);
        }

        private async Task CreateAsync(RequestContext context, ODataUriParser parser, TableModel table)
        {
            var body = await ReadBodyAsync(context.Http).ConfigureAwait(false);
            var entity = new EntityJsonReader(Model).ReadEntity(table, body.RootElement);
            var id = context.Service.Create(entity);
            await AnswerWriteAsync(context, parser, table, id, 201).ConfigureAwait(false);
        }

        private async Task PatchAsync(RequestContext context, ODataUriParser parser, TableModel table, Guid id)
        {
            var body = await ReadBodyAsync(context.Http).ConfigureAwait(false);
            var entity = new EntityJsonReader(Model).ReadEntity(table, body.RootElement, id);
            entity.Id = id;
            var headers = context.Http.Request.Headers;
            var ifMatch = headers.IfMatch.ToString();
            var ifNoneMatch = headers.IfNoneMatch.ToString();
            if (ifNoneMatch == "*")
            {
                // Prevent update: create only; an existing record answers 412.
                if (dataverse.Get(table.LogicalName, id) != null)
                {
                    throw new WebApiException(412, ErrorCodes.DuplicateRecord, "A record with matching key values already exists.");
                }
                context.Service.Create(entity);
                await AnswerWriteAsync(context, parser, table, id, 201).ConfigureAwait(false);
                return;
            }
            if (ifMatch.Length > 0)
            {
                // Prevent create: update only. With an ETag, only while the row version matches.
                var update = new UpdateRequest { Target = entity };
                if (ifMatch != "*")
                {
                    update.ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches;
                    entity.RowVersion = RowVersionOf(ifMatch);
                }
                context.Service.Execute(update);
                await AnswerWriteAsync(context, parser, table, id, 200).ConfigureAwait(false);
                return;
            }
            var upsert = (UpsertResponse)context.Service.Execute(new UpsertRequest { Target = entity });
            await AnswerWriteAsync(context, parser, table, id, upsert.RecordCreated ? 201 : 200).ConfigureAwait(false);
        }

        /// <summary>204 with OData-EntityId, or with Prefer: return=representation the record (201 created, 200 updated).</summary>
        private async Task AnswerWriteAsync(RequestContext context, ODataUriParser parser, TableModel table, Guid id, int representationStatus)
        {
            var entityId = context.BaseUri + table.EntitySetName + "(" + id.ToString("D") + ")";
            context.Http.Response.Headers["OData-EntityId"] = entityId;
            if (!PreferReturnRepresentation(context.Http.Request))
            {
                context.Http.Response.StatusCode = 204;
                return;
            }
            var annotations = AnnotationFilter.Parse(Preference(context.Http.Request, "odata.include-annotations"));
            context.Http.Response.Headers["Preference-Applied"] = annotations.Raw != null ? "return=representation," + annotations.Raw : "return=representation";
            var selection = QueryTranslator.Selection(table, parser.ParseSelectAndExpand(), Model);
            var row = context.Service.Retrieve(table.LogicalName, id, ColumnsToRead(table, selection));
            await WriteRecordAsync(context, table, row, selection, annotations, representationStatus).ConfigureAwait(false);
        }

        /// <summary>The selected columns plus versionnumber, which every answer carries as @odata.etag.</summary>
        private static ColumnSet ColumnsToRead(TableModel table, Selection selection)
        {
            if (selection.Columns == null) return new ColumnSet(true);
            var columns = selection.Columns.ToList();
            if (table.Metadata.HasColumn("versionnumber") && !columns.Contains("versionnumber")) columns.Add("versionnumber");
            return new ColumnSet(columns.ToArray());
        }

        private static string RowVersionOf(string etag)
        {
            var value = etag.Trim();
            if (value.StartsWith("W/", StringComparison.Ordinal)) value = value[2..];
            return value.Trim('"');
        }

        // ── Operations (custom APIs and platform messages) ──

        private async Task OperationAsync(RequestContext context, ODataUriParser parser, string name, IEnumerable<OperationSegmentParameter> urlParameters, EntityReference? target)
        {
            var operation = Model.Operation(name) ?? throw WebApiException.NotFoundSegment(name);
            var method = context.Http.Request.Method;
            if (operation.IsFunction ? !HttpMethods.IsGet(method) : !HttpMethods.IsPost(method)) throw MethodNotAllowed(method);
            var request = new OrganizationRequest(operation.Name);
            if (target != null) request["Target"] = target;
            var reader = new EntityJsonReader(Model);
            if (operation.IsFunction)
            {
                foreach (var parameter in urlParameters)
                {
                    var field = operation.Parameters.FirstOrDefault(p => p.Name == parameter.Name) ?? throw WebApiException.BadRequest($"The function {name} has no parameter '{parameter.Name}'.");
                    request[field.Name] = reader.Parameter(field, FunctionArgument(context.Http.Request, parameter.Value));
                }
            }
            else if (context.Http.Request.ContentLength is null or > 0)
            {
                var body = await ReadBodyAsync(context.Http, allowEmpty: true).ConfigureAwait(false);
                if (body.RootElement.ValueKind == JsonValueKind.Object)
                {
                    foreach (var property in body.RootElement.EnumerateObject())
                    {
                        if (property.Name.StartsWith('@')) continue;
                        var field = operation.Parameters.FirstOrDefault(p => p.Name == property.Name)
                            ?? throw WebApiException.BadRequest($"The action {name} has no parameter '{property.Name}'.");
                        request[field.Name] = reader.Parameter(field, property.Value);
                    }
                }
            }
            var response = context.Service.Execute(request);
            if (operation.Response.Count == 0)
            {
                context.Http.Response.StatusCode = 204;
                return;
            }
            await WriteJsonAsync(context.Http, 200, json =>
            {
                var writer = new EntityJsonWriter(Model, AnnotationFilter.None, context.LanguageCode);
                json.WriteStartObject();
                json.WriteString("@odata.context", context.BaseUri + "$metadata#" + ServiceModel.Namespace + "." + operation.Name + "Response");
                foreach (var field in operation.Response)
                {
                    response.Results.TryGetValue(field.Name, out var value);
                    json.WritePropertyName(field.Name);
                    WriteResult(json, writer, value);
                }
                json.WriteEndObject();
            }).ConfigureAwait(false);
        }

        private void WriteResult(Utf8JsonWriter json, EntityJsonWriter writer, object? value)
        {
            switch (value)
            {
                case EntityReference reference:
                    var table = Model.Table(reference.LogicalName);
                    json.WriteStartObject();
                    json.WriteString("@odata.type", "#" + ServiceModel.Namespace + "." + reference.LogicalName);
                    json.WriteString(table?.PrimaryIdAttribute ?? reference.LogicalName + "id", reference.Id);
                    json.WriteEndObject();
                    break;
                case Entity entity:
                    WriteResultEntity(json, writer, entity);
                    break;
                case EntityCollection collection:
                    json.WriteStartArray();
                    foreach (var e in collection.Entities) WriteResultEntity(json, writer, e);
                    json.WriteEndArray();
                    break;
                case string[] texts:
                    json.WriteStartArray();
                    foreach (var t in texts) json.WriteStringValue(t);
                    json.WriteEndArray();
                    break;
                default:
                    EntityJsonWriter.WritePrimitive(json, value);
                    break;
            }
        }

        /// <summary>
        /// An entity in an operation's response: a row of a known table as that entity type, any other entity (no
        /// logical name, or one the model lacks) as Microsoft.Dynamics.CRM.expando with its attributes as they are.
        /// </summary>
        private void WriteResultEntity(Utf8JsonWriter json, EntityJsonWriter writer, Entity entity)
        {
            var table = string.IsNullOrEmpty(entity.LogicalName) ? null : Model.Table(entity.LogicalName);
            if (table != null)
            {
                writer.WriteEntity(json, table, entity, entity.Attributes.Keys.ToList(), writeType: true);
                return;
            }
            json.WriteStartObject();
            json.WriteString("@odata.type", "#" + ServiceModel.Namespace + ".expando");
            foreach (var (key, value) in entity.Attributes)
            {
                json.WritePropertyName(key);
                WriteResult(json, writer, value is AliasedValue aliased ? aliased.Value : value);
            }
            json.WriteEndObject();
        }

        /// <summary>A function argument as JSON: a literal in the URL, or the value of a parameter alias (@p1=…) in the query.</summary>
        private static JsonElement FunctionArgument(HttpRequest request, object? node)
        {
            switch (node)
            {
                case ConstantNode constant:
                    return JsonSerializer.SerializeToElement(constant.Value is DateTimeOffset dto ? dto.UtcDateTime.ToString("o", CultureInfo.InvariantCulture) : constant.Value);
                case ConvertNode convert:
                    return FunctionArgument(request, convert.Source);
                case ParameterAliasNode alias:
                    var raw = request.Query[alias.Alias].ToString();
                    if (raw.Length >= 2 && raw[0] == '\'' && raw[^1] == '\'') return JsonSerializer.SerializeToElement(raw[1..^1].Replace("''", "'", StringComparison.Ordinal));
                    try
                    {
                        return JsonDocument.Parse(raw).RootElement.Clone();
                    }
                    catch (JsonException)
                    {
                        throw WebApiException.BadRequest($"The value of the parameter alias {alias.Alias} is not a literal or JSON value: {raw}");
                    }
                default:
                    throw WebApiException.Unsupported($"The function argument '{node}' is not supported; pass literals or parameter aliases.");
            }
        }

        // ── Expansion of single-valued navigation properties ──

        private sealed class Expander
        {
            private readonly DataverseWebApi api;
            private readonly RequestContext context;
            private readonly Selection selection;
            private readonly Dictionary<(string, Guid), Entity?> cache = new();

            public Expander(DataverseWebApi api, RequestContext context, Selection selection)
            {
                this.api = api;
                this.context = context;
                this.selection = selection;
            }

            public IReadOnlyDictionary<string, Entity?>? For(Entity row)
            {
                if (selection.Expands.Count == 0) return null;
                var result = new Dictionary<string, Entity?>(StringComparer.Ordinal);
                foreach (var expand in selection.Expands)
                {
                    var reference = row.GetAttributeValue<EntityReference>(expand.Lookup.LogicalName);
                    if (reference == null || (expand.Target != null && reference.LogicalName != expand.Target))
                    {
                        result[expand.NavigationName] = null;
                        continue;
                    }
                    if (!cache.TryGetValue((reference.LogicalName, reference.Id), out var related))
                    {
                        var columns = expand.Columns == null ? new ColumnSet(true) : new ColumnSet(ColumnsFor(reference.LogicalName, expand.Columns));
                        try
                        {
                            related = context.Service.Retrieve(reference.LogicalName, reference.Id, columns);
                        }
                        catch (FaultException<OrganizationServiceFault> fault) when (fault.Detail?.ErrorCode == ErrorCodes.ObjectDoesNotExist)
                        {
                            related = null;
                        }
                        cache[(reference.LogicalName, reference.Id)] = related;
                    }
                    result[expand.NavigationName] = related;
                }
                return result;
            }

            private string[] ColumnsFor(string logicalName, IReadOnlyList<string> columns)
            {
                var table = api.Model.Table(logicalName);
                var list = columns.ToList();
                if (table != null && !list.Contains(table.PrimaryIdAttribute)) list.Add(table.PrimaryIdAttribute);
                return list.ToArray();
            }

            public IReadOnlyList<string>? ColumnsOf(string navigation)
            {
                var expand = selection.Expands.First(e => e.NavigationName == navigation);
                if (expand.Columns == null) return null;
                var table = expand.Target != null ? api.Model.Table(expand.Target) : null;
                return table == null ? expand.Columns : ColumnsFor(table.LogicalName, expand.Columns);
            }
        }

        // ── Helpers ──

        private sealed record RequestContext(HttpContext Http, Uri BaseUri, IOrganizationService Service, int LanguageCode, Guid UserId);

        /// <summary>The primary name of a referenced record (null when it or its name column is missing).</summary>
        private string? NameOf(EntityReference reference)
        {
            var column = Model.Table(reference.LogicalName)?.Metadata.PrimaryNameAttribute;
            return column == null ? null : dataverse.Get(reference.LogicalName, reference.Id)?.GetAttributeValue<string>(column);
        }

        private int LanguageOf(Guid userId) => dataverse.Get("usersettings", userId)?.GetAttributeValue<int?>("uilanguageid") ?? 1033;

        private static WebApiException MethodNotAllowed(string method) =>
            new(405, WebApiException.NotSupported, $"The requested resource does not support http method '{method}'.");

        /// <summary>The value of one preference in the Prefer header(s), e.g. odata.maxpagesize=10.</summary>
        internal static string? Preference(HttpRequest request, string name)
        {
            foreach (var header in request.Headers["Prefer"])
            {
                foreach (var part in SplitPreferences(header ?? ""))
                {
                    var eq = part.IndexOf('=', StringComparison.Ordinal);
                    var key = (eq < 0 ? part : part[..eq]).Trim();
                    if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase)) return eq < 0 ? "" : part[(eq + 1)..].Trim();
                }
            }
            return null;
        }

        private static bool PreferReturnRepresentation(HttpRequest request) =>
            string.Equals(Preference(request, "return"), "representation", StringComparison.OrdinalIgnoreCase);

        // Preferences are comma-separated, but a quoted value (the annotation list) may itself hold commas.
        private static IEnumerable<string> SplitPreferences(string header)
        {
            var start = 0;
            var quoted = false;
            for (var i = 0; i < header.Length; i++)
            {
                if (header[i] == '"') quoted = !quoted;
                else if (header[i] == ',' && !quoted)
                {
                    yield return header[start..i];
                    start = i + 1;
                }
            }
            yield return header[start..];
        }

        private static async Task<JsonDocument> ReadBodyAsync(HttpContext http, bool allowEmpty = false)
        {
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
            var text = await reader.ReadToEndAsync().ConfigureAwait(false);
            if (text.Trim().Length == 0)
            {
                if (allowEmpty) return JsonDocument.Parse("{}");
                throw WebApiException.BadRequest("The request has no body; a JSON object was expected.");
            }
            return JsonDocument.Parse(text);
        }

        private const string JsonContentType = "application/json; odata.metadata=minimal";

        private const int FlushBytes = 32 * 1024;

        private static readonly JsonWriterOptions JsonOptions = new() { SkipValidation = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        private static async Task WriteJsonAsync(HttpContext http, int status, Action<Utf8JsonWriter> write)
        {
            http.Response.StatusCode = status;
            http.Response.ContentType = JsonContentType;
            var buffer = new System.Buffers.ArrayBufferWriter<byte>(4 * 1024);
            using (var json = new Utf8JsonWriter(buffer, JsonOptions))
            {
                write(json);
            }
            // Small answers (records, errors, operation responses) are built first so that a fault while writing still
            // answers as an error and the length is known.
            http.Response.ContentLength = buffer.WrittenCount;
            await http.Response.Body.WriteAsync(buffer.WrittenMemory).ConfigureAwait(false);
        }

        private static async Task WriteErrorAsync(HttpContext http, WebApiException error)
        {
            if (http.Response.HasStarted) throw error;
            http.Response.Clear();
            http.Response.Headers["OData-Version"] = "4.0";
            if (error.RetryAfterSeconds is int seconds) http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await WriteJsonAsync(http, error.Status, json =>
            {
                json.WriteStartObject();
                json.WriteStartObject("error");
                json.WriteString("code", error.HexCode);
                json.WriteString("message", error.Message);
                json.WriteEndObject();
                json.WriteEndObject();
            }).ConfigureAwait(false);
        }

        private async Task WriteServiceDocumentAsync(RequestContext context)
        {
            await WriteJsonAsync(context.Http, 200, json =>
            {
                json.WriteStartObject();
                json.WriteString("@odata.context", context.BaseUri + "$metadata");
                json.WriteStartArray("value");
                foreach (var table in Model.Tables.OrderBy(t => t.EntitySetName, StringComparer.Ordinal))
                {
                    json.WriteStartObject();
                    json.WriteString("name", table.EntitySetName);
                    json.WriteString("kind", "EntitySet");
                    json.WriteString("url", table.EntitySetName);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }).ConfigureAwait(false);
        }

        private string WriteCsdl()
        {
            var builder = new StringBuilder();
            using (var xml = XmlWriter.Create(new StringWriter(builder, CultureInfo.InvariantCulture), new XmlWriterSettings { Indent = false }))
            {
                if (!Microsoft.OData.Edm.Csdl.CsdlWriter.TryWriteCsdl(Model.Edm, xml, Microsoft.OData.Edm.Csdl.CsdlTarget.OData, out var errors))
                {
                    throw new InvalidOperationException("The service model does not write as CSDL: " + string.Join("; ", errors.Select(e => e.ErrorMessage)));
                }
            }
            return builder.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);
        }
    }
}
