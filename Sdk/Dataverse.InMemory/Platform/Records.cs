using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Dataverse.InMemory.Faults;
using Dataverse.InMemory.Metadata;
using Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Dataverse.InMemory.Platform
{
    /// <summary>
    /// The core operations of Create, Update, Delete and Retrieve on rows, with the platform's own columns:
    /// ids, createdon/modifiedon from the clock, createdby/modifiedby, ownerid and owningbusinessunit, default
    /// state and status, an increasing versionnumber, activity party rows and activitypointer rows. Every value
    /// that goes in or comes out is copied.
    /// </summary>
    internal sealed class Records
    {
        // Columns the platform maintains itself; values a caller sends for them are ignored, as Dataverse ignores
        // columns that are not valid for create or update.
        private static readonly HashSet<string> PlatformMaintained = new(StringComparer.Ordinal)
        {
            "createdon", "createdby", "modifiedon", "modifiedby", "versionnumber", "createdonbehalfby", "modifiedonbehalfby",
            "owningbusinessunit", "owninguser", "owningteam", "activitytypecode",
        };

        private readonly RowStore store;
        private readonly MetadataCatalog metadata;
        private readonly DataverseClock clock;
        private readonly Func<Guid> newId;

        public Records(RowStore store, MetadataCatalog metadata, DataverseClock clock, Func<Guid> newId)
        {
            this.store = store;
            this.metadata = metadata;
            this.clock = clock;
            this.newId = newId;
        }

        /// <summary>
        /// Drops the columns a strict table's metadata does not list. The platform's own writes (user and team
        /// arrangement, SendEmail's bookkeeping) use columns every organization has; when the loaded metadata
        /// describes only a subset of a system table, those writes keep to that subset instead of faulting.
        /// </summary>
        public Entity OnlyKnownColumns(Entity entity)
        {
            var table = metadata.Table(entity.LogicalName);
            if (table == null) return entity;
            var idAttribute = PlatformTables.PrimaryIdAttribute(entity.LogicalName, table);
            foreach (var column in entity.Attributes.Keys.Where(c => c != idAttribute && !table.HasColumn(c)).ToList()) entity.Attributes.Remove(column);
            return entity;
        }

        public string PrimaryIdAttribute(string logicalName) => PlatformTables.PrimaryIdAttribute(logicalName, metadata.Table(logicalName));

        public Guid Create(StoreTransaction tx, Entity target, Guid userId)
        {
            var logicalName = RequireLogicalName(target);
            var table = metadata.Table(logicalName);
            var idAttribute = PlatformTables.PrimaryIdAttribute(logicalName, table);
            var id = target.Id;
            if (id == Guid.Empty && target.Attributes.TryGetValue(idAttribute, out var idValue) && idValue is Guid fromAttribute) id = fromAttribute;
            if (id == Guid.Empty) id = newId();
            Validate(table, target);

            tx.Lock(logicalName, id);
            if (tx.Get(logicalName, id) != null || (PlatformTables.IsActivity(logicalName, table) && tx.Get(PlatformTables.ActivityPointer, id) != null))
            {
                throw DataverseFault.DuplicateKey(logicalName, id);
            }

            var now = clock.UtcNow;
            var user = new EntityReference("systemuser", userId);
            var row = new Entity(logicalName, id);
            foreach (var attribute in target.Attributes)
            {
                if (attribute.Value == null || PlatformMaintained.Contains(attribute.Key)) continue;
                if (attribute.Key == "statecode" && PlatformTables.HasState(logicalName, table)) continue;
                if (PlatformTables.PartyMask(logicalName, attribute.Key, table) != null) continue;
                row.Attributes[attribute.Key] = ValueCopier.CopyValue(attribute.Value);
            }
            row[idAttribute] = id;

            // overriddencreatedon is how migrations set a historical createdon; the platform keeps the real
            // creation time in overriddencreatedon.
            if (target.GetAttributeValue<DateTime?>("overriddencreatedon") is DateTime migrated)
            {
                row["createdon"] = DateTime.SpecifyKind(migrated, DateTimeKind.Utc);
                row["overriddencreatedon"] = now;
            }
            else
            {
                row["createdon"] = now;
            }
            row["modifiedon"] = now;
            row["createdby"] = user;
            row["modifiedby"] = ValueCopier.CopyReference(user);

            ComposeFullName(logicalName, table, row);
            if (PlatformTables.IsUserOwned(logicalName, table)) SetOwner(tx, row, target.GetAttributeValue<EntityReference>("ownerid") ?? user);
            if (PlatformTables.HasState(logicalName, table))
            {
                // statecode is not valid for create: every row starts in its default (open/active) state.
                row["statecode"] = new OptionSetValue(0);
                var status = target.GetAttributeValue<OptionSetValue>("statuscode");
                if (status != null && PlatformTables.StateOfStatusCode(logicalName, status.Value) is int statusState && statusState != 0)
                {
                    // A status of a closed state cannot be set on Create; the row starts with the open default.
                    if (!target.Contains("statecode")) CheckStatusBelongsToState(logicalName, status.Value, 0);
                    status = null;
                }
                row["statuscode"] = new OptionSetValue(status?.Value ?? PlatformTables.DefaultStatusOf(logicalName, 0));
            }

            var isActivity = PlatformTables.IsActivity(logicalName, table);
            if (isActivity)
            {
                row["activitytypecode"] = logicalName;
                foreach (var attribute in target.Attributes)
                {
                    var mask = PlatformTables.PartyMask(logicalName, attribute.Key, table);
                    if (mask == null || attribute.Value == null) continue;
                    row[attribute.Key] = WriteParties(tx, logicalName, id, mask.Value, attribute.Key, attribute.Value, previous: null);
                }
            }
            Stamp(row);
            tx.Put(row);
            if (isActivity) tx.Put(Pointer(row));
            return id;
        }

        public void Update(StoreTransaction tx, Entity target, Guid userId, ConcurrencyBehavior concurrency)
        {
            var logicalName = RequireLogicalName(target);
            var table = metadata.Table(logicalName);
            var idAttribute = PlatformTables.PrimaryIdAttribute(logicalName, table);
            var id = target.Id;
            if (id == Guid.Empty && target.Attributes.TryGetValue(idAttribute, out var idValue) && idValue is Guid fromAttribute) id = fromAttribute;
            if (id == Guid.Empty) throw DataverseFault.InvalidArgument("Entity Id must be specified for Update", "Für Update muss die Entitäts-ID angegeben werden");
            Validate(table, target);

            tx.Lock(logicalName, id);
            var existing = tx.Get(logicalName, id) ?? throw DataverseFault.DoesNotExist(logicalName, id);
            CheckRowVersion(concurrency, target.RowVersion, existing);
            var isActivity = PlatformTables.IsActivity(logicalName, table);
            if (isActivity) CheckActivityIsOpen(logicalName, id, target, existing);

            var row = new Entity(logicalName, id);
            foreach (var attribute in existing.Attributes) row.Attributes[attribute.Key] = attribute.Value;
            foreach (var attribute in target.Attributes)
            {
                if (PlatformMaintained.Contains(attribute.Key) || attribute.Key == idAttribute || attribute.Key == "overriddencreatedon") continue;
                var mask = isActivity ? PlatformTables.PartyMask(logicalName, attribute.Key, table) : null;
                if (mask != null)
                {
                    var previous = existing.GetAttributeValue<EntityCollection>(attribute.Key);
                    if (attribute.Value == null)
                    {
                        RemoveParties(tx, previous);
                        row.Attributes.Remove(attribute.Key);
                    }
                    else
                    {
                        row[attribute.Key] = WriteParties(tx, logicalName, id, mask.Value, attribute.Key, attribute.Value, previous);
                    }
                    continue;
                }
                if (attribute.Value == null) row.Attributes.Remove(attribute.Key);
                else row.Attributes[attribute.Key] = ValueCopier.CopyValue(attribute.Value);
            }
            if (target.Contains("firstname") || target.Contains("lastname") || target.Contains("middlename")) ComposeFullName(logicalName, table, row);
            ApplyStateRules(logicalName, target, existing, row);
            if (target.Contains("ownerid") && PlatformTables.IsUserOwned(logicalName, table))
            {
                SetOwner(tx, row, target.GetAttributeValue<EntityReference>("ownerid")
                    ?? throw DataverseFault.CannotBeNull("ownerid"));
            }
            row["modifiedon"] = clock.UtcNow;
            row["modifiedby"] = new EntityReference("systemuser", userId);
            Stamp(row);
            tx.Put(row);
            if (isActivity) tx.Put(Pointer(row));
        }

        public void Delete(StoreTransaction tx, EntityReference target, ConcurrencyBehavior concurrency)
        {
            if (target == null || string.IsNullOrEmpty(target.LogicalName)) throw DataverseFault.MissingField("Target");
            var logicalName = target.LogicalName;
            if (logicalName == PlatformTables.ActivityPointer)
            {
                // Deleting through activitypointer deletes the activity itself.
                var pointer = tx.Get(logicalName, target.Id) ?? throw DataverseFault.DoesNotExist(logicalName, target.Id);
                logicalName = pointer.GetAttributeValue<string>("activitytypecode");
            }
            tx.Lock(logicalName, target.Id);
            var existing = tx.Get(logicalName, target.Id) ?? throw DataverseFault.DoesNotExist(logicalName, target.Id);
            CheckRowVersion(concurrency, target.RowVersion, existing);
            tx.Remove(logicalName, target.Id);
            if (PlatformTables.IsActivity(logicalName, metadata.Table(logicalName)))
            {
                foreach (var attribute in existing.Attributes)
                {
                    if (attribute.Value is EntityCollection parties && PlatformTables.PartyMask(logicalName, attribute.Key, metadata.Table(logicalName)) != null)
                    {
                        RemoveParties(tx, parties);
                    }
                }
                tx.Remove(PlatformTables.ActivityPointer, target.Id);
            }
        }

        /// <summary>Retrieve: the requested non-null columns plus the primary id, copied; RowVersion set.</summary>
        public Entity Retrieve(IRowReader reader, string logicalName, Guid id, ColumnSet? columns)
        {
            if (columns == null) throw DataverseFault.MissingField("ColumnSet");
            var row = reader.Get(logicalName, id) ?? throw DataverseFault.DoesNotExist(logicalName, id);
            var result = Project(row, columns);
            FillNamesAndLabels(reader, result);
            return result;
        }

        // Retrieve returns lookups with the referenced row's primary name (EntityReference.Name), read at that moment,
        // and formatted values: the name of a lookup, the label of a choice whose options the metadata lists.
        private void FillNamesAndLabels(IRowReader reader, Entity result)
        {
            var table = metadata.Table(result.LogicalName);
            foreach (var attribute in result.Attributes)
            {
                switch (attribute.Value)
                {
                    case EntityReference reference when !string.IsNullOrEmpty(reference.LogicalName):
                        var target = reader.Get(reference.LogicalName, reference.Id);
                        if (target == null) break;
                        var nameColumn = PlatformTables.PrimaryNameAttribute(reference.LogicalName, metadata.Table(reference.LogicalName));
                        reference.Name = target.GetAttributeValue<object>(nameColumn) as string;
                        if (reference.Name != null) result.FormattedValues[attribute.Key] = reference.Name;
                        break;
                    case OptionSetValue option:
                        var label = table?.Column(attribute.Key)?.Options.FirstOrDefault(o => o.Value == option.Value)?.Label;
                        if (label != null) result.FormattedValues[attribute.Key] = label;
                        break;
                }
            }
        }

        public Entity Project(Entity row, ColumnSet columns)
        {
            var table = metadata.Table(row.LogicalName);
            var idAttribute = PlatformTables.PrimaryIdAttribute(row.LogicalName, table);
            Entity result;
            if (columns.AllColumns)
            {
                result = ValueCopier.CopyNonNull(row, _ => true);
            }
            else
            {
                if (table != null)
                {
                    foreach (var column in columns.Columns)
                    {
                        if (!table.HasColumn(column) && column != idAttribute) throw DataverseFault.UnknownAttribute(row.LogicalName, column);
                    }
                }
                var wanted = new HashSet<string>(columns.Columns, StringComparer.Ordinal) { idAttribute };
                result = ValueCopier.CopyNonNull(row, wanted.Contains);
            }
            result.RowVersion = RowVersionOf(row);
            return result;
        }

        public static string? RowVersionOf(Entity row) =>
            row.Attributes.TryGetValue("versionnumber", out var v) && v is long version ? version.ToString(CultureInfo.InvariantCulture) : null;

        private void Stamp(Entity row)
        {
            var version = store.NextVersion();
            row["versionnumber"] = version;
            row.RowVersion = version.ToString(CultureInfo.InvariantCulture);
        }

        private static string RequireLogicalName(Entity target)
        {
            if (target == null) throw DataverseFault.MissingField("Target");
            if (string.IsNullOrEmpty(target.LogicalName)) throw DataverseFault.InvalidArgument("The entity logical name must be specified.", "Der logische Name der Entität muss angegeben werden.");
            // activityparty rows are written only through the party lists of their activity, and activitypointer
            // rows only through the activity itself.
            if (target.LogicalName is PlatformTables.ActivityParty or PlatformTables.ActivityPointer)
            {
                throw DataverseFault.InvalidArgument(
                    "The {0} table cannot be written directly; write the activity (its party-list columns) instead.",
                    "Die Tabelle {0} kann nicht direkt geschrieben werden; schreiben Sie stattdessen die Aktivität (ihre Teilnehmerlisten).", target.LogicalName);
            }
            return target.LogicalName;
        }

        private static void Validate(TableMetadata? table, Entity target)
        {
            if (table == null) return;
            foreach (var attribute in target.Attributes)
            {
                if (PlatformMaintained.Contains(attribute.Key) && !table.HasColumn(attribute.Key)) continue;
                ColumnValidator.Validate(table, attribute.Key, attribute.Value);
            }
        }

        // Completed and canceled activities are read-only: only their state can change (to reopen them).
        private static void CheckActivityIsOpen(string logicalName, Guid id, Entity target, Entity existing)
        {
            var state = existing.GetAttributeValue<OptionSetValue>("statecode")?.Value ?? 0;
            if (state is not (1 or 2)) return;
            foreach (var attribute in target.Attributes)
            {
                if (attribute.Key is "statecode" or "statuscode" || PlatformMaintained.Contains(attribute.Key)) continue;
                throw DataverseFault.Localized(ErrorCodes.ActivityClosed,
                    "The object cannot be updated because it is read-only: {0} {1:D} is closed (completed or canceled), so '{2}' cannot be changed.",
                    "Das Objekt kann nicht aktualisiert werden, da es schreibgeschützt ist: {0} {1:D} ist geschlossen (abgeschlossen oder abgebrochen), daher kann '{2}' nicht geändert werden.",
                    logicalName, id, attribute.Key);
            }
        }

        // contact, lead and systemuser keep fullname composed from the name parts ("First Middle Last", the default
        // full-name format), and callers cannot set it themselves.
        private static void ComposeFullName(string logicalName, TableMetadata? table, Entity row)
        {
            if (logicalName is not ("contact" or "lead" or "systemuser")) return;
            if (table != null && !table.HasColumn("fullname")) return;
            var parts = new[] { "firstname", "middlename", "lastname" }
                .Select(column => row.GetAttributeValue<object>(column) as string)
                .Where(part => !string.IsNullOrWhiteSpace(part))
                .ToArray();
            if (parts.Length == 0) row.Attributes.Remove("fullname");
            else row["fullname"] = string.Join(" ", parts);
        }

        private static void CheckRowVersion(ConcurrencyBehavior concurrency, string? rowVersion, Entity existing)
        {
            if (concurrency != ConcurrencyBehavior.IfRowVersionMatches) return;
            if (string.IsNullOrEmpty(rowVersion)) throw DataverseFault.VersionNotProvided();
            if (!string.Equals(rowVersion, RowVersionOf(existing), StringComparison.Ordinal)) throw DataverseFault.VersionMismatch();
        }

        // Setting statecode without statuscode applies the state's default status (special-update-operation-behavior).
        private void ApplyStateRules(string logicalName, Entity target, Entity existing, Entity row)
        {
            var state = target.GetAttributeValue<OptionSetValue>("statecode");
            var status = target.GetAttributeValue<OptionSetValue>("statuscode");
            if (state != null && status == null)
            {
                row["statuscode"] = new OptionSetValue(PlatformTables.DefaultStatusOf(logicalName, state.Value));
            }
            else if (status != null)
            {
                var effectiveState = state?.Value ?? existing.GetAttributeValue<OptionSetValue>("statecode")?.Value ?? 0;
                CheckStatusBelongsToState(logicalName, status.Value, effectiveState);
            }
        }

        private static void CheckStatusBelongsToState(string logicalName, int status, int state)
        {
            var expected = PlatformTables.StateOfStatusCode(logicalName, status);
            if (expected.HasValue && expected.Value != state)
            {
                throw DataverseFault.InvalidArgument("{0} is not a valid status code for state code {1}State {2} on {1}.", "{0} ist kein gültiger Statusgrund für den Status {1}State {2} von {1}.", status, logicalName, state);
            }
        }

        private void SetOwner(IRowReader reader, Entity row, EntityReference owner)
        {
            if (owner.LogicalName != "systemuser" && owner.LogicalName != "team")
            {
                throw DataverseFault.InvalidArgument("The owner of a record must be a systemuser or a team, not '{0}'.", "Besitzer eines Datensatzes muss ein systemuser oder ein team sein, nicht '{0}'.", owner.LogicalName);
            }
            var ownerRow = reader.Get(owner.LogicalName, owner.Id) ?? throw DataverseFault.DoesNotExist(owner.LogicalName, owner.Id);
            row["ownerid"] = new EntityReference(owner.LogicalName, owner.Id);
            row.Attributes.Remove("owninguser");
            row.Attributes.Remove("owningteam");
            row[owner.LogicalName == "team" ? "owningteam" : "owninguser"] = new EntityReference(owner.LogicalName, owner.Id);
            if (ownerRow.GetAttributeValue<EntityReference>("businessunitid") is EntityReference unit)
            {
                row["owningbusinessunit"] = ValueCopier.CopyReference(unit);
            }
        }

        // A party list is stored twice, as Dataverse exposes it twice: as activityparty rows (queryable) and as the
        // EntityCollection returned on Retrieve of the activity.
        private EntityCollection WriteParties(StoreTransaction tx, string activityTable, Guid activityId, int mask, string column, object value, EntityCollection? previous)
        {
            if (value is not EntityCollection incoming)
            {
                throw DataverseFault.InvalidArgument(
                    "Incorrect type of attribute value {0} for party list '{1}.{2}' (expects Microsoft.Xrm.Sdk.EntityCollection of activityparty).",
                    "Falscher Typ des Attributwerts {0} für die Teilnehmerliste '{1}.{2}' (erwartet Microsoft.Xrm.Sdk.EntityCollection von activityparty).",
                    value.GetType().FullName, activityTable, column);
            }
            RemoveParties(tx, previous);
            var stored = new List<Entity>(incoming.Entities.Count);
            foreach (var party in incoming.Entities)
            {
                if (party.LogicalName != PlatformTables.ActivityParty)
                {
                    throw DataverseFault.InvalidArgument(
                        "The party list '{0}.{1}' holds '{2}' entities; it must hold activityparty entities.",
                        "Die Teilnehmerliste '{0}.{1}' enthält '{2}'-Entitäten; sie muss activityparty-Entitäten enthalten.", activityTable, column, party.LogicalName);
                }
                var partyId = party.GetAttributeValue<EntityReference>("partyid");
                var address = party.GetAttributeValue<string>("addressused");
                if (partyId == null && string.IsNullOrEmpty(address))
                {
                    throw DataverseFault.InvalidArgument(
                        "An activity party in '{0}.{1}' needs a partyid or an addressused.",
                        "Ein Aktivitätsteilnehmer in '{0}.{1}' braucht eine partyid oder eine addressused.", activityTable, column);
                }
                var id = newId();
                var row = new Entity(PlatformTables.ActivityParty, id);
                row["activitypartyid"] = id;
                row["activityid"] = new EntityReference(activityTable, activityId);
                row["participationtypemask"] = new OptionSetValue(mask);
                if (partyId != null) row["partyid"] = new EntityReference(partyId.LogicalName, partyId.Id) { Name = partyId.Name };
                if (!string.IsNullOrEmpty(address)) row["addressused"] = address;
                row["ispartydeleted"] = false;
                foreach (var extra in new[] { "effort", "unresolvedpartyname", "exchangeentryid" })
                {
                    if (party.Attributes.TryGetValue(extra, out var extraValue) && extraValue != null) row[extra] = ValueCopier.CopyValue(extraValue);
                }
                Stamp(row);
                tx.Lock(PlatformTables.ActivityParty, id);
                tx.Put(row);
                stored.Add(row);
            }
            return new EntityCollection(stored) { EntityName = PlatformTables.ActivityParty };
        }

        private static void RemoveParties(StoreTransaction tx, EntityCollection? parties)
        {
            if (parties == null) return;
            foreach (var party in parties.Entities)
            {
                tx.Lock(PlatformTables.ActivityParty, party.Id);
                tx.Remove(PlatformTables.ActivityParty, party.Id);
            }
        }

        private static Entity Pointer(Entity activity)
        {
            var pointer = new Entity(PlatformTables.ActivityPointer, activity.Id);
            foreach (var column in PlatformTables.PointerColumns)
            {
                if (activity.Attributes.TryGetValue(column, out var value) && value != null) pointer.Attributes[column] = value;
            }
            pointer[PlatformTables.ActivityId] = activity.Id;
            pointer.RowVersion = activity.RowVersion;
            return pointer;
        }
    }
}
