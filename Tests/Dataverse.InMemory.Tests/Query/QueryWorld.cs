using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.ServiceModel;
using Dataverse.InMemory.Query;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Dataverse.InMemory.Tests.Query
{
    /// <summary>A fresh set of tables per test, read by the engine through <see cref="IQueryDataSource"/>.</summary>
    internal sealed class QueryWorld : IQueryDataSource
    {
        /// <summary>Wednesday 15 May 2024, 10:30 UTC.</summary>
        public static readonly DateTime Now = new DateTime(2024, 5, 15, 10, 30, 0, DateTimeKind.Utc);

        public static readonly Guid UserId = Id(9001);
        public static readonly Guid BusinessUnitId = Id(9002);
        public static readonly Guid TeamId = Id(9003);

        private readonly Dictionary<string, List<Entity>> tables = new Dictionary<string, List<Entity>>(StringComparer.Ordinal);

        public QueryWorld(params string[] tableNames)
        {
            foreach (var name in tableNames)
            {
                tables[name] = new List<Entity>();
            }

            Context = new QueryContext { UtcNow = Now, UserId = UserId, BusinessUnitId = BusinessUnitId, UserTeamIds = new[] { TeamId } };
            Engine = new QueryEngine(this);
        }

        public QueryContext Context { get; }

        public QueryEngine Engine { get; }

        public static Guid Id(int n) => new Guid(n.ToString("D32", CultureInfo.InvariantCulture));

        public Entity Add(string table, int id, params (string Column, object? Value)[] values)
        {
            var entity = new Entity(table, Id(id));
            entity[PrimaryIdAttribute(table)] = entity.Id;
            foreach (var (column, value) in values)
            {
                if (value != null)
                {
                    entity[column] = value;
                }
            }

            tables[table].Add(entity);
            return entity;
        }

        /// <summary>Stores a row exactly as given (no primary-key column added).</summary>
        public void AddRaw(Entity entity) => tables[entity.LogicalName].Add(entity);

        public IEnumerable<Entity> Scan(string logicalName) =>
            tables.TryGetValue(logicalName, out var rows)
                ? rows
                : throw new FaultException<OrganizationServiceFault>(
                    new OrganizationServiceFault { ErrorCode = -2147217150, Message = $"'{logicalName}' entity doesn't exist." },
                    new FaultReason($"'{logicalName}' entity doesn't exist."));

        public string PrimaryIdAttribute(string logicalName) =>
            logicalName is "activitypointer" or "email" or "phonecall" or "task" or "appointment" or "letter" ? "activityid" : logicalName + "id";

        public EntityCollection Run(QueryBase query) => Engine.Execute(query, Context);

        public EntityCollection Fetch(string fetchXml) => Engine.Execute(new FetchExpression(fetchXml), Context);

        /// <summary>Ids (as the small numbers given to Add) of the rows a query returns, in order.</summary>
        public int[] Ids(QueryBase query) => Numbers(Run(query));

        public static int[] Numbers(EntityCollection result) =>
            result.Entities.Select(e => int.Parse(e.Id.ToString("N"), CultureInfo.InvariantCulture)).ToArray();

        /// <summary>Rows of 'contact' matching one condition, by id number, in primary-key order.</summary>
        public int[] Where(string column, ConditionOperator op, params object[] values)
        {
            var query = new QueryExpression("contact");
            query.Criteria.AddCondition(column, op, values);
            return Ids(query).OrderBy(n => n).ToArray();
        }
    }
}
