using System.Globalization;

namespace BackOffice.Infrastructure;

/// <summary>Numbers for style attributes: CSS wants a decimal point, whatever the page's (German) culture says.</summary>
public static class Css
{
    public static string Rem(double value) => value.ToString("0.###", CultureInfo.InvariantCulture) + "rem";
}
