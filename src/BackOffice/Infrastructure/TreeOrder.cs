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
}
