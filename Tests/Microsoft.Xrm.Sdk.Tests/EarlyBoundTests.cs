using System;
using System.Reflection;
using Microsoft.Xrm.Sdk.Client;
using Xunit;

namespace Microsoft.Xrm.Sdk.Tests
{
    /// <summary>
    /// Early-bound classes as code generators (CrmSvcUtil, pac modelbuilder) write them: a subclass of Entity with
    /// EntityLogicalNameAttribute, typed properties with AttributeLogicalNameAttribute over GetAttributeValue and
    /// the protected SetAttributeValue, and an Id override that keeps the primary-id column in step.
    /// Sources: Microsoft Learn, EntityLogicalNameAttribute class (Microsoft.Xrm.Sdk.Client, AttributeUsage Class,
    /// ctor(string logicalName), LogicalName get), AttributeLogicalNameAttribute class (Microsoft.Xrm.Sdk,
    /// AttributeUsage Property), Entity.SetAttributeValue (protected virtual), Entity.ToEntity&lt;T&gt;; the 9.0
    /// assembly's behaviour as decompiled in public repositories (blank names throw ArgumentNullException,
    /// ToEntity checks the attribute and the table, ShallowCopyTo sets Id through the virtual setter first).
    /// </summary>
    public class EarlyBoundTests
    {
        private static readonly Guid ContactId = new Guid("6f1c2b1e-0000-4000-8000-0000000000e1");

        [Theory]
        [InlineData(typeof(EntityLogicalNameAttribute), AttributeTargets.Class)]
        [InlineData(typeof(AttributeLogicalNameAttribute), AttributeTargets.Property)]
        public void Logical_name_attributes_target_what_the_real_sdk_allows(Type attribute, AttributeTargets targets)
        {
            AttributeUsageAttribute usage = attribute.GetCustomAttribute<AttributeUsageAttribute>()!;

            Assert.Equal(targets, usage.ValidOn);
            Assert.False(usage.AllowMultiple);
            Assert.True(usage.Inherited);
            Assert.True(attribute.IsSealed);
        }

        [Fact]
        public void Logical_name_attributes_keep_the_name_and_refuse_a_blank_one()
        {
            Assert.Equal("contact", new EntityLogicalNameAttribute("contact").LogicalName);
            Assert.Equal("firstname", new AttributeLogicalNameAttribute("firstname").LogicalName);
            Assert.Equal("logicalName", Assert.Throws<ArgumentNullException>(() => new EntityLogicalNameAttribute(" ")).ParamName);
            Assert.Equal("logicalName", Assert.Throws<ArgumentNullException>(() => new AttributeLogicalNameAttribute("")).ParamName);
        }

        [Fact]
        public void Typed_properties_read_and_write_the_attribute_collection()
        {
            EarlyContact contact = new EarlyContact { FirstName = "Ada" };

            Assert.Equal("contact", contact.LogicalName);
            Assert.Equal("Ada", contact["firstname"]);
            contact["firstname"] = "Grace";
            Assert.Equal("Grace", contact.FirstName);
        }

        [Fact]
        public void SetAttributeValue_refuses_a_blank_name()
        {
            EarlyContact contact = new EarlyContact();

            Assert.Equal("attributeLogicalName", Assert.Throws<ArgumentNullException>(() => contact.Set(" ", 1)).ParamName);
        }

        [Fact]
        public void ToEntity_makes_an_early_bound_copy_sharing_the_collections()
        {
            Entity row = new Entity("contact", ContactId);
            row["firstname"] = "Ada";

            EarlyContact contact = row.ToEntity<EarlyContact>();
            contact.FirstName = "Grace";

            Assert.Equal(ContactId, contact.Id);
            Assert.Equal("Grace", row["firstname"]);
            Assert.Same(row.Attributes, contact.Attributes);
            Assert.Same(row.FormattedValues, contact.FormattedValues);
            Assert.Same(row.KeyAttributes, contact.KeyAttributes);
            Assert.Same(row.RelatedEntities, contact.RelatedEntities);
        }

        [Fact]
        public void ToEntity_holds_exactly_the_rows_attributes_even_when_the_id_setter_writes_one()
        {
            // The id goes through the overridden setter (which writes contactid) before the collections are shared.
            Entity row = new Entity("contact", ContactId);

            EarlyContact contact = row.ToEntity<EarlyContact>();

            Assert.Equal(ContactId, contact.Id);
            Assert.Equal(1, contact.IdSetterCalls);
            Assert.False(contact.Contains("contactid"));
            Assert.Null(contact.ContactId);
        }

        [Fact]
        public void ToEntity_of_another_table_is_not_supported()
        {
            Entity account = new Entity("account", ContactId);

            Assert.Throws<NotSupportedException>(() => account.ToEntity<EarlyContact>());
        }

        [Fact]
        public void ToEntity_of_a_row_without_a_logical_name_is_not_supported()
        {
            Entity row = new Entity { Id = ContactId };

            Assert.Throws<NotSupportedException>(() => row.ToEntity<EarlyContact>());
        }

        [EntityLogicalName("contact")]
        private sealed class EarlyContact : Entity
        {
            public EarlyContact()
                : base("contact")
            {
            }

            public int IdSetterCalls { get; private set; }

            [AttributeLogicalName("contactid")]
            public Guid? ContactId
            {
                get => GetAttributeValue<Guid?>("contactid");
                set
                {
                    SetAttributeValue("contactid", value);
                    base.Id = value ?? Guid.Empty;
                }
            }

            [AttributeLogicalName("contactid")]
            public override Guid Id
            {
                get => base.Id;
                set
                {
                    IdSetterCalls++;
                    ContactId = value;
                }
            }

            [AttributeLogicalName("firstname")]
            public string? FirstName
            {
                get => GetAttributeValue<string>("firstname");
                set => SetAttributeValue("firstname", value);
            }

            public void Set(string name, object value) => SetAttributeValue(name, value);
        }
    }
}
