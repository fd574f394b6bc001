using System.Collections;
using System.Collections.Generic;

namespace Microsoft.Xrm.Sdk
{
    /// <summary>
    /// Keyed collection behind Entity.Attributes, request parameters, images and formatted values. Like the real
    /// SDK it is a dictionary that only exposes IEnumerable of pairs, so the data contract serializer writes it
    /// as a list of KeyValuePairOf… items.
    /// </summary>
    public abstract class DataCollection<TKey, TValue> : IEnumerable<KeyValuePair<TKey, TValue>>
    {
        private readonly Dictionary<TKey, TValue> items;

        internal DataCollection()
        {
            items = new Dictionary<TKey, TValue>();
        }

        /// <summary>Reading a key that is not present throws KeyNotFoundException, as on the platform.</summary>
        public TValue this[TKey key]
        {
            get => items[key];
            set => items[key] = value;
        }

        public int Count => items.Count;

        public ICollection<TKey> Keys => items.Keys;

        public ICollection<TValue> Values => items.Values;

        /// <summary>Always false here: only the SDK's OrganizationServiceContext (not part of this stand-in) locks collections.</summary>
        public virtual bool IsReadOnly => false;

        public void Add(KeyValuePair<TKey, TValue> item)
        {
            items.Add(item.Key, item.Value);
        }

        public void AddRange(params KeyValuePair<TKey, TValue>[] items)
        {
            AddRange((IEnumerable<KeyValuePair<TKey, TValue>>)items);
        }

        public void AddRange(IEnumerable<KeyValuePair<TKey, TValue>> items)
        {
            if (items == null)
            {
                return;
            }

            foreach (KeyValuePair<TKey, TValue> item in items)
            {
                Add(item);
            }
        }

        public void Add(TKey key, TValue value)
        {
            items.Add(key, value);
        }

        public void Clear()
        {
            items.Clear();
        }

        public bool Contains(TKey key)
        {
            return items.ContainsKey(key);
        }

        public bool Contains(KeyValuePair<TKey, TValue> key)
        {
            return ((ICollection<KeyValuePair<TKey, TValue>>)items).Contains(key);
        }

        public bool TryGetValue(TKey key, out TValue value)
        {
            return items.TryGetValue(key, out value);
        }

        public void CopyTo(KeyValuePair<TKey, TValue>[] array, int arrayIndex)
        {
            ((ICollection<KeyValuePair<TKey, TValue>>)items).CopyTo(array, arrayIndex);
        }

        public bool ContainsKey(TKey key)
        {
            return items.ContainsKey(key);
        }

        public bool Remove(TKey key)
        {
            return items.Remove(key);
        }

        public bool Remove(KeyValuePair<TKey, TValue> item)
        {
            return ((ICollection<KeyValuePair<TKey, TValue>>)items).Remove(item);
        }

        public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator()
        {
            return items.GetEnumerator();
        }

        IEnumerator IEnumerable.GetEnumerator()
        {
            return GetEnumerator();
        }
    }
}
