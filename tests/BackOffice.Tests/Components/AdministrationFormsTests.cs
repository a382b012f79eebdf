using BackOffice.Components.Shared;
using BackOffice.Data;
using BackOffice.Features.Administration;
using BackOffice.Infrastructure;
using Bunit;

namespace BackOffice.Tests.Components;

/// <summary>The administration's forms and the shared outcome message as components (bUnit).</summary>
public class AdministrationFormsTests : BunitContext
{
    private static readonly IReadOnlyList<OrgUnits.Node> Tree =
    [
        new(1, "50", "Soziales", UnitLevel.Fachbereich, null, 0, 1),
        new(2, "50.1", "Eingliederungshilfe", UnitLevel.Fachdienst, 1, 1, 3),
        new(3, "50.2", "Kindertagespflege", UnitLevel.Fachdienst, 1, 1, 2),
    ];

    [Fact]
    public void The_user_editor_hands_over_what_was_entered_and_keeps_it_across_renders()
    {
        UserAccounts.Input? saved = null;
        var cut = Render<UserEditor>(p => p.Add(x => x.Value, new UserAccounts.Input("", "", Roles.Clerk, [])).Add(x => x.IsNew, true)
            .Add(x => x.Units, Tree).Add(x => x.OnSave, input => saved = input));
        Assert.Equal("Neues Konto", cut.Find("h2").TextContent);
        cut.Find("#user-name").Change("m.muster");
        cut.Find("#user-display").Change("Maria Muster");
        cut.Find("#user-role").Change(Roles.Head);
        cut.Find("#user-unit-1").Change(true);
        cut.Find("#user-unit-3").Change(true);
        cut.Find("#user-unit-3").Change(false);
        cut.Render(); // a re-render of the page (e.g. a live update) must not reset the form
        cut.Find("form").Submit();
        Assert.Equal(("m.muster", "Maria Muster", Roles.Head), (saved!.UserName, saved.DisplayName, saved.Role));
        Assert.Equal([1], saved.UnitIds);
        // Deeper units are indented under their parent.
        Assert.Contains("padding-left: 1.25rem", cut.Find("#user-unit-2").ParentElement!.GetAttribute("style"));
    }

    [Fact]
    public void Editing_shows_the_account_without_a_user_name_field()
    {
        var cut = Render<UserEditor>(p => p.Add(x => x.Value, new UserAccounts.Input("clerk", "Anna Becker", Roles.Clerk, [2])).Add(x => x.Units, Tree)
            .Add(x => x.OnSave, _ => { }));
        Assert.Contains("„clerk“ bearbeiten", cut.Find("h2").TextContent);
        Assert.Empty(cut.FindAll("#user-name"));
        Assert.True(cut.Find("#user-unit-2").HasAttribute("checked"));
        Assert.False(cut.Find("#user-unit-3").HasAttribute("checked"));
    }

    [Fact]
    public void An_outcome_is_a_status_when_done_and_an_alert_otherwise()
    {
        JSInterop.SetupVoid("boFocus", "#m");
        var cut = Render<OutcomeMessage>(p => p.Add(x => x.Value, Outcome.Done("Gespeichert.")).Add(x => x.Id, "m"));
        Assert.Equal("status", cut.Find("#m").GetAttribute("role"));
        cut.Render(p => p.Add(x => x.Value, Outcome.Refused("Geht nicht.")));
        Assert.Equal("alert", cut.Find("#m").GetAttribute("role"));
        Assert.Equal("Geht nicht.", cut.Find("#m").TextContent);
        Assert.Equal(2, JSInterop.Invocations["boFocus"].Count); // focus moves to each new message
        cut.Render(p => p.Add(x => x.Value, null));
        Assert.Empty(cut.FindAll("#m"));
    }
}
