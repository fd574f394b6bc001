using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace Microsoft.Xrm.Sdk
{
    /// <summary>List collection used throughout the SDK (columns, conditions, entities, requests).</summary>
    public class DataCollection<T> : Collection<T>
    {
        internal DataCollection()
        {
        }

        // Copies the items: later changes to the caller's list do not show in the collection, as in the real SDK.
        internal DataCollection(IList<T> list)
        {
            AddRange(list);
        }

        public void AddRange(params T[] items)
        {
            if (items == null)
            {
                return;
            }

            AddRange((IEnumerable<T>)items);
        }

        public void AddRange(IEnumerable<T> items)
        {
            if (items == null)
            {
                return;
            }

            foreach (T item in items)
            {
                Add(item);
            }
        }

        public T[] ToArray()
        {
            T[] array = new T[Count];
            CopyTo(array, 0);
            return array;
        }
    }
}
