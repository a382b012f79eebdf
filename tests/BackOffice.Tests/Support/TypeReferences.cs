using System.Reflection;
using System.Reflection.Emit;

namespace BackOffice.Tests.Support;

/// <summary>
/// Which types a compiled type uses: its base type, interfaces, fields, properties, method signatures, attributes, and
/// every type, method and field its method bodies name (read from the IL). Razor components and the compiler's lambda
/// and async classes are ordinary types here, so nothing a source file hides behind an _Imports or `var` escapes.
/// </summary>
public static class TypeReferences
{
    private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance |
                                            BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    public static IEnumerable<Type> Of(Type type)
    {
        var found = new HashSet<Type>();
        void Add(Type? t)
        {
            if (t is null) return;
            if (t.HasElementType) { Add(t.GetElementType()); return; }
            if (t.IsGenericParameter) return;
            if (t.IsGenericType && !t.IsGenericTypeDefinition)
            {
                Add(t.GetGenericTypeDefinition());
                foreach (var argument in t.GetGenericArguments()) Add(argument);
                return;
            }
            found.Add(t);
        }
        void AddAttributes(MemberInfo member)
        {
            foreach (var attribute in member.GetCustomAttributesData()) Add(attribute.AttributeType);
        }

        Add(type.BaseType);
        foreach (var i in type.GetInterfaces()) Add(i);
        AddAttributes(type);
        foreach (var field in type.GetFields(Everything)) { Add(field.FieldType); AddAttributes(field); }
        foreach (var property in type.GetProperties(Everything)) { Add(property.PropertyType); AddAttributes(property); }
        foreach (var method in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
        {
            if (method is MethodInfo info) Add(info.ReturnType);
            foreach (var parameter in method.GetParameters()) Add(parameter.ParameterType);
            AddAttributes(method);
            var body = method.GetMethodBody();
            if (body is null) continue;
            foreach (var local in body.LocalVariables) Add(local.LocalType);
            foreach (var token in Tokens(body.GetILAsByteArray()!))
            {
                try
                {
                    var member = type.Module.ResolveMember(token,
                        type.IsGenericType ? type.GetGenericArguments() : null,
                        method.IsGenericMethod ? method.GetGenericArguments() : null);
                    switch (member)
                    {
                        case Type t: Add(t); break;
                        case MethodBase m:
                            Add(m.DeclaringType);
                            if (m is MethodInfo mi) Add(mi.ReturnType);
                            foreach (var p in m.GetParameters()) Add(p.ParameterType);
                            if (m.IsGenericMethod) foreach (var a in m.GetGenericArguments()) Add(a);
                            break;
                        case FieldInfo f: Add(f.DeclaringType); Add(f.FieldType); break;
                    }
                }
                catch (ArgumentException) { } // a string or signature token
                catch (TypeLoadException) { }
            }
        }
        return found;
    }

    /// <summary>The metadata tokens an IL body names (type, method, field operands).</summary>
    private static IEnumerable<int> Tokens(byte[] il)
    {
        var position = 0;
        while (position < il.Length)
        {
            short value = il[position++];
            if (value == 0xFE) value = (short)(0xFE00 | il[position++]);
            var code = OpCodesByValue[value];
            switch (code.OperandType)
            {
                case OperandType.InlineField:
                case OperandType.InlineMethod:
                case OperandType.InlineTok:
                case OperandType.InlineType:
                    yield return BitConverter.ToInt32(il, position);
                    position += 4;
                    break;
                case OperandType.InlineNone: break;
                case OperandType.ShortInlineBrTarget:
                case OperandType.ShortInlineI:
                case OperandType.ShortInlineVar: position += 1; break;
                case OperandType.InlineVar: position += 2; break;
                case OperandType.InlineI8:
                case OperandType.InlineR: position += 8; break;
                case OperandType.InlineSwitch: position += 4 + 4 * BitConverter.ToInt32(il, position); break;
                default: position += 4; break;
            }
        }
    }
}
