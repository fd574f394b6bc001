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

        // Wraps the given list rather than copying it, as Collection<T> does: EntityCollection(IList<Entity>)
        // exposes the caller's list through Entities.
        internal DataCollection(IList<T> list)
            : base(list)
        {
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
