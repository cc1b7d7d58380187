using Mono.Cecil;
using Mono.Cecil.Cil;

namespace EvalHarness.Core.Tests.Architecture;

/// <summary>
/// Which of an assembly's top-level namespaces use which, read from the compiled IL with Mono.Cecil: signatures, fields,
/// locals and every type, method and field a method body touches (lambdas and async state machines count for the type
/// that declares them). A source-level scan of <c>using</c> lines would miss qualified names and same-namespace moves.
/// </summary>
internal sealed class NamespaceGraph
{
    private readonly string _root;
    private readonly SortedDictionary<string, SortedDictionary<string, string>> _edges = new(StringComparer.Ordinal);

    private NamespaceGraph(string root) => _root = root;

    /// <summary>Edges: from namespace -> (to namespace -> one example "FromType -> ToType").</summary>
    public IReadOnlyDictionary<string, SortedDictionary<string, string>> Edges => _edges;

    public static NamespaceGraph Read(string assemblyPath, string rootNamespace)
    {
        var graph = new NamespaceGraph(rootNamespace);
        using var module = ModuleDefinition.ReadModule(assemblyPath);
        foreach (var type in module.GetTypes()) graph.AddType(type);
        return graph;
    }

    /// <summary>Strongly connected groups of more than one namespace (Tarjan), each sorted; empty when acyclic.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<IReadOnlyList<string>>();
        var next = 0;
        void Visit(string v)
        {
            index[v] = low[v] = next++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in _edges.TryGetValue(v, out var to) ? to.Keys.ToList() : [])
            {
                if (!index.ContainsKey(w))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                {
                    low[v] = Math.Min(low[v], index[w]);
                }
            }
            if (low[v] != index[v]) return;
            var group = new List<string>();
            string x;
            do
            {
                x = stack.Pop();
                onStack.Remove(x);
                group.Add(x);
            }
            while (x != v);
            if (group.Count > 1) result.Add(group.Order(StringComparer.Ordinal).ToList());
        }
        foreach (var v in _edges.Keys.ToList()) if (!index.ContainsKey(v)) Visit(v);
        return result;
    }

    private void AddType(TypeDefinition type)
    {
        var from = Node(type);
        if (from is null) return;
        var name = Outermost(type).FullName;
        void Use(TypeReference? t)
        {
            foreach (var to in Referenced(t))
            {
                var node = Node(to);
                if (node is null || node == from) continue;
                if (!_edges.TryGetValue(from, out var targets)) _edges[from] = targets = new(StringComparer.Ordinal);
                targets.TryAdd(node, $"{name} -> {Outermost(to).FullName}");
            }
        }
        Use(type.BaseType);
        foreach (var i in type.Interfaces) Use(i.InterfaceType);
        foreach (var f in type.Fields) Use(f.FieldType);
        foreach (var p in type.Properties) Use(p.PropertyType);
        foreach (var m in type.Methods)
        {
            Use(m.ReturnType);
            foreach (var p in m.Parameters) Use(p.ParameterType);
            if (!m.HasBody) continue;
            foreach (var v in m.Body.Variables) Use(v.VariableType);
            foreach (var ins in m.Body.Instructions)
            {
                switch (ins.Operand)
                {
                    case TypeReference t: Use(t); break;
                    case MethodReference mr:
                        Use(mr.DeclaringType);
                        Use(mr.ReturnType);
                        foreach (var p in mr.Parameters) Use(p.ParameterType);
                        if (mr is GenericInstanceMethod g) foreach (var a in g.GenericArguments) Use(a);
                        break;
                    case FieldReference fr: Use(fr.DeclaringType); Use(fr.FieldType); break;
                }
            }
        }
    }

    private static IEnumerable<TypeReference> Referenced(TypeReference? t)
    {
        switch (t)
        {
            case null or GenericParameter: yield break;
            case GenericInstanceType g:
                foreach (var x in Referenced(g.ElementType)) yield return x;
                foreach (var a in g.GenericArguments) foreach (var x in Referenced(a)) yield return x;
                yield break;
            case TypeSpecification s:
                foreach (var x in Referenced(s.ElementType)) yield return x;
                yield break;
            default:
                yield return t;
                yield break;
        }
    }

    private static TypeReference Outermost(TypeReference t)
    {
        while (t.DeclaringType is not null) t = t.DeclaringType;
        return t;
    }

    /// <summary>The first namespace segment under the root ("" for the root itself); null for types outside it.</summary>
    private string? Node(TypeReference t)
    {
        var ns = Outermost(t).Namespace;
        if (ns == _root) return "";
        if (!ns.StartsWith(_root + ".", StringComparison.Ordinal)) return null;
        var rest = ns[(_root.Length + 1)..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }
}
