using System;
using System.Collections;
using System.Collections.Generic;

namespace CrmAttention.Engine
{
    /// <summary>
    /// A ledger's entries, oldest first: a list that also drops its oldest entries in O(1). Pruning removes entries from
    /// the front after nearly every recorded touch; with a plain list that moves every remaining entry each time, which
    /// for a busy account's ledger costs more than evaluating the touch. Here the front only moves forward over the array,
    /// and the live entries are moved back to its start when the array is full and at least half of it is dropped slots.
    /// </summary>
    internal sealed class LedgerEntryList : IReadOnlyList<LedgerEntry>
    {
        private LedgerEntry[] _items;
        private int _start;
        private int _count;

        public LedgerEntryList(int capacity)
        {
            _items = capacity == 0 ? Array.Empty<LedgerEntry>() : new LedgerEntry[capacity];
        }

        public LedgerEntryList(LedgerEntryList other)
        {
            _items = new LedgerEntry[other._count];
            Array.Copy(other._items, other._start, _items, 0, other._count);
            _count = other._count;
        }

        public int Count => _count;

        public LedgerEntry this[int index]
        {
            get
            {
                if ((uint)index >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(index));
                return _items[_start + index];
            }
            set
            {
                if ((uint)index >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(index));
                _items[_start + index] = value;
            }
        }

        public void Add(LedgerEntry entry)
        {
            if (_start + _count == _items.Length) MakeRoom();
            _items[_start + _count++] = entry;
        }

        public void Insert(int index, LedgerEntry entry)
        {
            if ((uint)index > (uint)_count) throw new ArgumentOutOfRangeException(nameof(index));
            if (_start + _count == _items.Length) MakeRoom();
            var at = _start + index;
            Array.Copy(_items, at, _items, at + 1, _count - index);
            _items[at] = entry;
            _count++;
        }

        public void RemoveAt(int index)
        {
            if ((uint)index >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(index));
            var at = _start + index;
            Array.Copy(_items, at + 1, _items, at, _count - index - 1);
            _count--;
        }

        /// <summary>Removes the last entries from <paramref name="index"/> on.</summary>
        public void Truncate(int index)
        {
            if ((uint)index > (uint)_count) throw new ArgumentOutOfRangeException(nameof(index));
            _count = index;
        }

        /// <summary>Removes the <paramref name="count"/> oldest entries.</summary>
        public void RemoveOldest(int count)
        {
            if ((uint)count > (uint)_count) throw new ArgumentOutOfRangeException(nameof(count));
            _start += count;
            _count -= count;
            if (_count == 0) _start = 0;
        }

        public Enumerator GetEnumerator() => new Enumerator(this);

        IEnumerator<LedgerEntry> IEnumerable<LedgerEntry>.GetEnumerator() => GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        // Full: move the entries to the front when at least half the array is dropped slots, otherwise double it.
        private void MakeRoom()
        {
            if (_start > 0 && _count * 2 <= _items.Length)
            {
                Array.Copy(_items, _start, _items, 0, _count);
                _start = 0;
                return;
            }
            var grown = new LedgerEntry[Math.Max(4, _items.Length * 2)];
            Array.Copy(_items, _start, grown, 0, _count);
            _items = grown;
            _start = 0;
        }

        public struct Enumerator : IEnumerator<LedgerEntry>
        {
            private readonly LedgerEntryList _list;
            private int _index;

            internal Enumerator(LedgerEntryList list)
            {
                _list = list;
                _index = -1;
            }

            public LedgerEntry Current => _list._items[_list._start + _index];

            object IEnumerator.Current => Current;

            public bool MoveNext() => ++_index < _list._count;

            public void Reset() => _index = -1;

            public void Dispose()
            {
            }
        }
    }
}
