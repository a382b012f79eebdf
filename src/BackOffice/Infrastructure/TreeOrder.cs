namespace BackOffice.Infrastructure;

/// <summary>Lists a small tree (organisation units, the file plan) each node after its parent, siblings in the given order.</summary>
public static class TreeOrder
{
    public static List<(T Node, int Depth)> Flatten<T>(IEnumerable<T> nodes, Func<T, int> id, Func<T, int?> parentId, Func<T, string> sortKey, IComparer<string> order)
    {
        var children = nodes.ToLookup(parentId);
        var result = new List<(T, int)>();
        void Walk(int? parent, int depth)
        {
            foreach (var node in children[parent].OrderBy(sortKey, order))
            {
                result.Add((node, depth));
                Walk(id(node), depth + 1);
            }
        }
        Walk(null, 0);
        return result;
    }

    /// <summary>The roots and every node below them. Trees here are a few hundred nodes: walking in memory is simpler than a recursive query.</summary>
    public static HashSet<int> Below(IEnumerable<(int Id, int? ParentId)> nodes, IEnumerable<int> roots)
    {
        var children = nodes.Where(n => n.ParentId != null).ToLookup(n => n.ParentId!.Value, n => n.Id);
        var result = new HashSet<int>();
        var todo = new Stack<int>(roots);
        while (todo.Count > 0)
        {
            var id = todo.Pop();
            if (!result.Add(id)) continue;
            foreach (var c in children[id]) todo.Push(c);
        }
        return result;
    }

    /// <summary>Unit keys and file plan codes: "50.10" after "50.9", compared part by part, numbers as numbers.</summary>
    public static readonly IComparer<string> KeyComparer = new KeyOrder();

    private sealed class KeyOrder : IComparer<string>
    {
        public int Compare(string? x, string? y)
        {
            var a = (x ?? "").Split('.');
            var b = (y ?? "").Split('.');
            for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
            {
                var c = int.TryParse(a[i], out var m) && int.TryParse(b[i], out var n) ? m.CompareTo(n) : string.CompareOrdinal(a[i], b[i]);
                if (c != 0) return c;
            }
            return a.Length.CompareTo(b.Length);
        }
    }
}
