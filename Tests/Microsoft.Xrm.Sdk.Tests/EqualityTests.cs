using System;
using Xunit;

namespace Microsoft.Xrm.Sdk.Tests
{
    public class EqualityTests
    {
        private static readonly Guid AccountId = new Guid("a1c2b1e0-0000-4000-8000-000000000001");
        private static readonly Guid OtherId = new Guid("a1c2b1e0-0000-4000-8000-000000000002");

        [Fact]
        public void EntityReferences_to_the_same_record_are_equal_whatever_their_names()
        {
            EntityReference left = new EntityReference("account", AccountId) { Name = "Contoso" };
            EntityReference right = new EntityReference("account", AccountId) { Name = "Contoso Ltd" };

            Assert.Equal(left, right);
            Assert.Equal(left.GetHashCode(), right.GetHashCode());
        }

        [Fact]
        public void EntityReferences_differ_by_id()
        {
            Assert.NotEqual(new EntityReference("account", AccountId), new EntityReference("account", OtherId));
        }

        [Fact]
        public void EntityReferences_differ_by_table_name_compared_ordinally()
        {
            Assert.NotEqual(new EntityReference("account", AccountId), new EntityReference("contact", AccountId));
            Assert.NotEqual(new EntityReference("account", AccountId), new EntityReference("Account", AccountId));
        }

        [Fact]
        public void EntityReferences_by_alternate_key_compare_their_key_values()
        {
            EntityReference left = new EntityReference("account", "accountnumber", "A-1001");
            EntityReference same = new EntityReference("account", "accountnumber", "A-1001");
            EntityReference other = new EntityReference("account", "accountnumber", "A-1002");

            Assert.Equal(left, same);
            Assert.Equal(left.GetHashCode(), same.GetHashCode());
            Assert.NotEqual(left, other);
        }

        [Fact]
        public void EntityReference_is_not_equal_to_null_or_another_type()
        {
            EntityReference reference = new EntityReference("account", AccountId);

            Assert.False(reference.Equals(null));
            Assert.False(reference.Equals(AccountId));
        }

        [Fact]
        public void Money_equality_and_hash_follow_the_value()
        {
            Assert.Equal(new Money(10.5m), new Money(10.5m));
            Assert.Equal(new Money(10.5m).GetHashCode(), new Money(10.5m).GetHashCode());
            Assert.NotEqual(new Money(10.5m), new Money(10.6m));
            Assert.False(new Money(1m).Equals(new OptionSetValue(1)));
        }

        [Fact]
        public void OptionSetValue_equality_and_hash_follow_the_value()
        {
            Assert.Equal(new OptionSetValue(742800001), new OptionSetValue(742800001));
            Assert.Equal(new OptionSetValue(742800001).GetHashCode(), new OptionSetValue(742800001).GetHashCode());
            Assert.NotEqual(new OptionSetValue(742800001), new OptionSetValue(742800002));
            Assert.False(new OptionSetValue(1).Equals(1));
        }

        [Fact]
        public void Relationship_equality_includes_the_primary_entity_role()
        {
            Relationship plain = new Relationship("contact_customer_accounts");
            Relationship samePlain = new Relationship("contact_customer_accounts");
            Relationship referencing = new Relationship("contact_customer_accounts") { PrimaryEntityRole = EntityRole.Referencing };

            Assert.Equal(plain, samePlain);
            Assert.Equal(plain.GetHashCode(), samePlain.GetHashCode());
            Assert.NotEqual(plain, referencing);
            Assert.NotEqual(new Relationship("a"), new Relationship("b"));
        }

        [Fact]
        public void Relationship_prints_schema_name_and_role()
        {
            Assert.Equal("account_parent_account.Referenced", new Relationship("account_parent_account") { PrimaryEntityRole = EntityRole.Referenced }.ToString());
            Assert.Equal("contact_customer_accounts.", new Relationship("contact_customer_accounts").ToString());
        }
    }
}
