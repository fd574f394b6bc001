using System;
using System.Collections.Generic;
using Xunit;

namespace Microsoft.Xrm.Sdk.Tests
{
    public class EntityTests
    {
        private static readonly Guid ContactId = new Guid("6f1c2b1e-0000-4000-8000-000000000001");

        [Fact]
        public void Indexer_on_a_missing_attribute_throws_KeyNotFoundException()
        {
            Entity contact = new Entity("contact", ContactId);

            Assert.Throws<KeyNotFoundException>(() => contact["firstname"]);
        }

        [Fact]
        public void GetAttributeValue_returns_default_for_a_missing_attribute()
        {
            Entity contact = new Entity("contact", ContactId);

            Assert.Null(contact.GetAttributeValue<string>("firstname"));
            Assert.Equal(0, contact.GetAttributeValue<int>("numberofchildren"));
            Assert.Null(contact.GetAttributeValue<int?>("numberofchildren"));
            Assert.Null(contact.GetAttributeValue<Money>("creditlimit"));
            Assert.Equal(Guid.Empty, contact.GetAttributeValue<Guid>("parentcontactid"));
        }

        [Fact]
        public void GetAttributeValue_returns_default_for_a_null_attribute()
        {
            Entity contact = new Entity("contact", ContactId);
            contact["numberofchildren"] = null;
            contact["creditlimit"] = null;

            Assert.Equal(0, contact.GetAttributeValue<int>("numberofchildren"));
            Assert.Null(contact.GetAttributeValue<Money>("creditlimit"));
            Assert.True(contact.Contains("creditlimit"));
        }

        [Fact]
        public void GetAttributeValue_returns_the_typed_value_and_nullable_of_it()
        {
            Entity contact = new Entity("contact", ContactId);
            contact["numberofchildren"] = 3;
            contact["creditlimit"] = new Money(1500.25m);

            Assert.Equal(3, contact.GetAttributeValue<int>("numberofchildren"));
            Assert.Equal(3, contact.GetAttributeValue<int?>("numberofchildren"));
            Assert.Equal(1500.25m, contact.GetAttributeValue<Money>("creditlimit").Value);
        }

        [Fact]
        public void GetAttributeValue_of_the_wrong_type_throws_InvalidCastException()
        {
            Entity contact = new Entity("contact", ContactId);
            contact["numberofchildren"] = 3;

            Assert.Throws<InvalidCastException>(() => contact.GetAttributeValue<string>("numberofchildren"));
        }

        [Fact]
        public void GetAttributeValue_with_a_blank_name_throws_ArgumentNullException()
        {
            Entity contact = new Entity("contact", ContactId);

            Assert.Throws<ArgumentNullException>(() => contact.GetAttributeValue<string>(" "));
        }

        [Fact]
        public void Attribute_names_are_case_sensitive()
        {
            Entity contact = new Entity("contact", ContactId);
            contact["firstname"] = "Ada";

            Assert.True(contact.Contains("firstname"));
            Assert.False(contact.Contains("FirstName"));
            Assert.Null(contact.GetAttributeValue<string>("FirstName"));
        }

        [Fact]
        public void Indexer_set_adds_or_replaces_the_attribute()
        {
            Entity contact = new Entity("contact");
            contact["firstname"] = "Ada";
            contact["firstname"] = "Grace";

            Assert.Equal("Grace", contact["firstname"]);
            Assert.Single(contact.Attributes);
        }

        [Fact]
        public void Constructor_with_name_and_id_sets_both_and_leaves_attributes_empty()
        {
            Entity contact = new Entity("contact", ContactId);

            Assert.Equal("contact", contact.LogicalName);
            Assert.Equal(ContactId, contact.Id);
            Assert.Empty(contact.Attributes);
            Assert.Empty(contact.FormattedValues);
            Assert.Empty(contact.RelatedEntities);
            Assert.Empty(contact.KeyAttributes);
            Assert.Null(contact.EntityState);
        }

        [Fact]
        public void Id_and_primary_id_attribute_are_independent()
        {
            Entity contact = new Entity("contact", ContactId);

            Assert.False(contact.Contains("contactid"));
        }

        [Fact]
        public void Constructor_with_an_alternate_key_fills_KeyAttributes()
        {
            Entity account = new Entity("account", "accountnumber", "A-1001");

            Assert.Equal(Guid.Empty, account.Id);
            Assert.Equal("A-1001", account.KeyAttributes["accountnumber"]);
        }

        [Fact]
        public void ToEntityReference_carries_table_id_and_row_version()
        {
            Entity contact = new Entity("contact", ContactId) { RowVersion = "1234" };
            contact["fullname"] = "Ada Lovelace";

            EntityReference reference = contact.ToEntityReference();

            Assert.Equal("contact", reference.LogicalName);
            Assert.Equal(ContactId, reference.Id);
            Assert.Equal("1234", reference.RowVersion);
            Assert.Null(reference.Name);
        }

        [Fact]
        public void ToEntity_of_Entity_is_a_shallow_copy_sharing_the_attributes()
        {
            Entity contact = new Entity("contact", ContactId);
            contact["firstname"] = "Ada";

            Entity copy = contact.ToEntity<Entity>();
            copy["lastname"] = "Lovelace";

            Assert.NotSame(contact, copy);
            Assert.Equal("contact", copy.LogicalName);
            Assert.Equal(ContactId, copy.Id);
            Assert.Same(contact.Attributes, copy.Attributes);
            Assert.Equal("Lovelace", contact["lastname"]);
        }

        [Fact]
        public void ToEntity_of_a_type_without_a_logical_name_attribute_is_not_supported()
        {
            Entity contact = new Entity("contact", ContactId);

            Assert.Throws<NotSupportedException>(() => contact.ToEntity<UnmappedEntity>());
        }

        private sealed class UnmappedEntity : Entity
        {
        }
    }
}
