using System;
using System.Collections.Generic;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk
{
    /// <summary>The attribute values of an Entity, keyed by logical name (case-sensitive, as on the platform).</summary>
    [CollectionDataContract(Name = "AttributeCollection", Namespace = XrmContracts.V2011)]
    [KnownType("GetKnownTypes")]
    public sealed class AttributeCollection : DataCollection<string, object>
    {
        private static IEnumerable<Type> GetKnownTypes() => XrmKnownTypes.Values;
    }

    /// <summary>Input and output parameters of requests, responses and the execution context.</summary>
    [CollectionDataContract(Name = "ParameterCollection", Namespace = XrmContracts.V2011)]
    [KnownType("GetKnownTypes")]
    public class ParameterCollection : DataCollection<string, object>
    {
        private static IEnumerable<Type> GetKnownTypes() => XrmKnownTypes.ValuesAndMessages();
    }

    /// <summary>Pre- and post-images of a plugin step, keyed by the image alias.</summary>
    [CollectionDataContract(Name = "EntityImageCollection", Namespace = XrmContracts.V2011)]
    public class EntityImageCollection : DataCollection<string, Entity>
    {
    }

    /// <summary>Display texts of attribute values (option labels, formatted money and dates).</summary>
    [CollectionDataContract(Name = "FormattedValueCollection", Namespace = XrmContracts.V2011)]
    public sealed class FormattedValueCollection : DataCollection<string, string>
    {
    }

    /// <summary>Alternate-key values that identify a record instead of its id.</summary>
    [CollectionDataContract(Name = "KeyAttributeCollection", Namespace = XrmContracts.V71)]
    [KnownType("GetKnownTypes")]
    public sealed class KeyAttributeCollection : DataCollection<string, object>
    {
        private static IEnumerable<Type> GetKnownTypes() => XrmKnownTypes.Values;
    }

    /// <summary>Details attached to an organization service fault.</summary>
    [CollectionDataContract(Name = "ErrorDetailCollection", Namespace = XrmContracts.V2011)]
    [KnownType("GetKnownTypes")]
    public sealed class ErrorDetailCollection : DataCollection<string, object>
    {
        private static IEnumerable<Type> GetKnownTypes() => XrmKnownTypes.Values;
    }

    /// <summary>Records related to an Entity, per relationship (deep insert and related-entity retrieval).</summary>
    [CollectionDataContract(Name = "RelatedEntityCollection", Namespace = XrmContracts.V2011)]
    public sealed class RelatedEntityCollection : DataCollection<Relationship, EntityCollection>
    {
        // Declared on this type as in the real SDK, where an entity attached to an OrganizationServiceContext
        // locks its related entities; nothing in this stand-in attaches entities.
        public override bool IsReadOnly => false;
    }

    /// <summary>Records to associate or disassociate.</summary>
    [CollectionDataContract(Name = "EntityReferenceCollection", Namespace = XrmContracts.V2011)]
    public sealed class EntityReferenceCollection : DataCollection<EntityReference>
    {
        public EntityReferenceCollection()
        {
        }

        public EntityReferenceCollection(IList<EntityReference> list)
            : base(list)
        {
        }
    }

    /// <summary>Values of a multi-select choice column.</summary>
    [CollectionDataContract(Name = "OptionSetValueCollection", Namespace = XrmContracts.V90)]
    public sealed class OptionSetValueCollection : DataCollection<OptionSetValue>
    {
        public OptionSetValueCollection()
        {
        }

        public OptionSetValueCollection(IList<OptionSetValue> list)
            : base(list)
        {
        }
    }

    /// <summary>Requests of an ExecuteMultiple or ExecuteTransaction batch.</summary>
    [CollectionDataContract(Name = "OrganizationRequestCollection", Namespace = XrmContracts.V2012)]
    [KnownType("GetKnownTypes")]
    public sealed class OrganizationRequestCollection : DataCollection<OrganizationRequest>
    {
        private static IEnumerable<Type> GetKnownTypes() => XrmKnownTypes.Messages;
    }

    /// <summary>Responses of an ExecuteTransaction batch, in request order.</summary>
    [CollectionDataContract(Name = "OrganizationResponseCollection", Namespace = XrmContracts.V71)]
    [KnownType("GetKnownTypes")]
    public sealed class OrganizationResponseCollection : DataCollection<OrganizationResponse>
    {
        private static IEnumerable<Type> GetKnownTypes() => XrmKnownTypes.Messages;
    }

    /// <summary>Per-request results of an ExecuteMultiple batch.</summary>
    [CollectionDataContract(Name = "OrganizationResponseCollection", Namespace = XrmContracts.V2012)]
    public sealed class ExecuteMultipleResponseItemCollection : DataCollection<ExecuteMultipleResponseItem>
    {
    }
}
