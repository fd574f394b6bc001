using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CrmAttention.Engine;
using CrmAttention.Plugins.Infrastructure;
using CrmAttention.Plugins.Registration;
using CrmAttention.Plugins.Services;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using C = CrmAttention.Model.Contact.Fields;
using M = CrmAttention.Model;
using Req = CrmAttention.Model.CustomApis.RecalculateAttention.Request;
using Res = CrmAttention.Model.CustomApis.RecalculateAttention.Response;

namespace CrmAttention.Plugins.Api
{
    /// <summary>
    /// cat_RecalculateAttention: scores and bands decay with time even when nothing happens, so a scheduled flow calls this
    /// page by page to bring the stored score, band, window counters and next allowed touch up to now.
    /// </summary>
    public sealed class RecalculateAttentionApi : PluginBase
    {
        public const int DefaultPageSize = 500;
        public const int MaxPageSize = 5000;

        public RecalculateAttentionApi(string? unsecureConfiguration, string? secureConfiguration)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        [StageReason("MainOperation: a custom API's implementation runs as the core operation of its message.")]
        [PluginStep(Message = M.CustomApis.RecalculateAttention.MessageName, Stage = PluginStage.MainOperation, Description = "Recompute stored scores and bands for one contact or a page of contacts.")]
        private void Recalculate(LocalPluginContext ctx)
        {
            var format = ctx.UserFormat();
            var pageSize = ctx.HasInput(Req.PageSize) && ctx.Context.InputParameters[Req.PageSize] is int size ? size : DefaultPageSize;
            if (pageSize < 1 || pageSize > MaxPageSize)
                throw new InvalidPluginExecutionException(format.Pick(Req.PageSize + " must be between 1 and " + MaxPageSize + ".", Req.PageSize + " muss zwischen 1 und " + MaxPageSize + " liegen."));

            IReadOnlyList<Guid> ids;
            string? cookie = null;
            var more = false;
            var single = ctx.Input<EntityReference>(Req.Contact);
            if (single != null)
            {
                if (single.LogicalName != M.Contact.EntityLogicalName) throw new InvalidPluginExecutionException(format.Pick(Req.Contact + " must be a contact.", Req.Contact + " muss ein Kontakt sein."));
                ids = new[] { single.Id };
            }
            else
            {
                ids = ReadPage(ctx.SystemService, pageSize, ctx.Input<string>(Req.PagingCookie), format, out cookie, out more);
            }

            var loaded = new AttentionStore(ctx.SystemService).Load(ids);
            var now = ctx.Now;
            foreach (var l in loaded)
            {
                var snapshot = AttentionRecorder.Recompute(l.Contact.Clone(), l.Account?.Clone(), l.Policy, now);
                // Only the values derived from time are written, never pressure or ledger: a touch recorded meanwhile
                // (under its own lock) must not be overwritten by this older read.
                ctx.SystemService.Update(new Entity(M.Contact.EntityLogicalName, l.Contact.Id)
                {
                    [C.CatScore] = AttentionStore.Round(snapshot.Score, 2, 100m),
                    [C.CatBand] = PolicyMapper.Choice((int)snapshot.Band),
                    [C.CatTouchesInWindow] = snapshot.TouchesInWindow,
                    [C.CatAutomatedTouchesInWindow] = snapshot.AutomatedTouchesInWindow,
                    [C.CatNextAllowedTouchOn] = snapshot.NextAllowedTouchOn,
                });
            }
            // Accounts' window counts age too; like the contacts, only the derived count is written.
            foreach (var l in loaded.Where(l => l.Account != null).GroupBy(l => l.Account!.Id).Select(g => g.First()))
            {
                var account = AttentionRecorder.Recompute(l.Account!.Clone(), l.Policy, now);
                ctx.SystemService.Update(new Entity(M.Account.EntityLogicalName, l.Account.Id) { [M.Account.Fields.CatTouchesInWindow] = account.TouchesInWindow });
            }
            ctx.SetOutput(Res.ProcessedCount, loaded.Count);
            ctx.SetOutput(Res.PagingCookie, cookie);
            ctx.SetOutput(Res.MoreRecords, more);
        }

        /// <summary>
        /// One page of contacts that have attention state (cat_pressureasof set), in the platform's paging. Our cookie is
        /// "page number|platform paging cookie", so a caller passes back exactly what it received.
        /// </summary>
        private static IReadOnlyList<Guid> ReadPage(IOrganizationService service, int pageSize, string? cookie, MessageFormat format, out string? nextCookie, out bool more)
        {
            var pageNumber = 1;
            string? platformCookie = null;
            if (!string.IsNullOrEmpty(cookie))
            {
                var bar = cookie!.IndexOf('|');
                if (bar <= 0 || !int.TryParse(cookie.Substring(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out pageNumber) || pageNumber < 2)
                    throw new InvalidPluginExecutionException(format.Pick(Req.PagingCookie + " is not a cookie this API returned.", Req.PagingCookie + " ist kein Cookie, das diese API geliefert hat."));
                platformCookie = cookie.Substring(bar + 1);
            }
            var query = new QueryExpression(M.Contact.EntityLogicalName)
            {
                ColumnSet = new ColumnSet(C.ContactId),
                PageInfo = new PagingInfo { Count = pageSize, PageNumber = pageNumber, PagingCookie = platformCookie },
            };
            query.Criteria.AddCondition(C.CatPressureAsOf, ConditionOperator.NotNull);
            query.AddOrder(C.ContactId, OrderType.Ascending);
            var result = service.RetrieveMultiple(query);
            var ids = result.Entities.Select(e => e.Id).ToList();
            more = result.MoreRecords;
            nextCookie = more ? (pageNumber + 1).ToString(CultureInfo.InvariantCulture) + "|" + result.PagingCookie : null;
            return ids;
        }
    }
}
