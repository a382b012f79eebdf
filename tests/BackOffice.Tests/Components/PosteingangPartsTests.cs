using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using BackOffice.Features.Documents;
using BackOffice.Components.Shared;
using BackOffice.Data;
using BackOffice.Features.Inbox;
using Bunit;

namespace BackOffice.Tests.Components;

/// <summary>The Posteingang's parts as components (bUnit): what they render and what they report, without a browser.</summary>
public class PosteingangPartsTests : BunitContext
{
    [Fact]
    public void The_pager_turns_pages_within_the_count_and_past_a_capped_one_while_pages_are_full()
    {
        var asked = new List<int>();
        var cut = Render<Pager>(p => p.Add(x => x.Skip, 20).Add(x => x.PageSize, 20).Add(x => x.Count, 45).Add(x => x.RowsOnPage, 20)
            .Add(x => x.SkipChanged, skip => asked.Add(skip)));
        Assert.Contains("Seite 2", cut.Markup);
        cut.FindAll("button")[1].Click();
        cut.FindAll("button")[0].Click();
        Assert.Equal([40, 0], asked);

        cut.Render(p => p.Add(x => x.Skip, 40).Add(x => x.RowsOnPage, 5));
        Assert.True(cut.FindAll("button")[1].HasAttribute("disabled")); // the last page

        cut.Render(p => p.Add(x => x.Skip, 200_000).Add(x => x.Count, 10_000).Add(x => x.Capped, true).Add(x => x.RowsOnPage, 20));
        Assert.False(cut.FindAll("button")[1].HasAttribute("disabled")); // more than the count says
        Assert.Contains("Seite 10.001", cut.Markup); // German digit grouping
        cut.Render(p => p.Add(x => x.RowsOnPage, 7));
        Assert.True(cut.FindAll("button")[1].HasAttribute("disabled"));
    }

    [Fact]
    public void Many_documents_are_a_list_with_one_viewer()
    {
        var docs = new List<DocumentViewer.Doc>
        {
            new("Antrag", 1, "Antrag Müller.pdf", "application/pdf"),
            new("Foto", 2, "foto.png", "image/png"),
            new("Fax", 3, "fax.tif", "image/tiff"),
        };
        var cut = Render<DocumentViewer>(p => p.Add(x => x.Documents, docs));
        Assert.Equal(3, cut.FindAll("[data-testid=document-list] li").Count);
        Assert.Single(cut.FindAll("[data-testid=document-viewer]"));
        Assert.Equal("dokumente/1/ansicht", cut.Find("iframe").GetAttribute("src"));

        cut.FindAll("[data-testid=document-list] button")[1].Click();
        Assert.Empty(cut.FindAll("iframe"));
        Assert.Equal("Foto (foto.png)", cut.Find("img").GetAttribute("alt"));
        Assert.Equal("true", cut.FindAll("[data-testid=document-list] button")[1].GetAttribute("aria-current"));

        cut.FindAll("[data-testid=document-list] button")[2].Click(); // TIFF: shown as a PDF of its pages
        Assert.Equal("dokumente/3/ansicht", cut.Find("iframe").GetAttribute("src"));
        Assert.Equal("dokumente/3/download", cut.FindAll("a")[1].GetAttribute("href"));

        cut.Render(p => p.Add(x => x.Documents, docs.Take(1).ToList()));
        Assert.Empty(cut.FindAll("[data-testid=document-list]")); // one document: no list
        cut.Render(p => p.Add(x => x.Documents, new List<DocumentViewer.Doc>()));
        Assert.Contains("Keine Dokumente.", cut.Markup);
    }

    [Fact]
    public void Filters_report_a_new_view_from_its_first_page_and_ignore_half_typed_dates()
    {
        var views = new List<InboxView>();
        var start = new InboxView { Skip = 40, Selected = "E-2026-0000007" };
        var cut = Render<InboxFilters>(p => p.Add(x => x.View, start).Add(x => x.ViewChanged, v => views.Add(v)));
        Assert.False(cut.Find("details").HasAttribute("open")); // nothing folded is set

        cut.Find("#inbox-state").Change(InboxList.StateFilter.All.ToString());
        var changed = Assert.Single(views);
        Assert.Equal(new InboxView { State = InboxList.StateFilter.All }, changed); // first page, no selection

        cut.Find("#inbox-from").Change("0002-11-20"); // the browser's value while the year is typed
        Assert.Single(views);
        cut.Find("#inbox-from").Change("2026-11-20");
        Assert.Equal(new DateOnly(2026, 11, 20), views[^1].From);

        // A view from outside (Back) with a folded filter set: the fields follow and the fold opens.
        cut.Render(p => p.Add(x => x.View, new InboxView { Channel = Channel.Papier, Text = "Kaiser" }));
        Assert.True(cut.Find("details").HasAttribute("open"));
        Assert.Equal("Kaiser", cut.Find("#inbox-text").GetAttribute("value"));
    }

    [Fact]
    public void The_address_reports_back_and_forward_but_not_its_own_navigations_even_when_one_overtakes_another()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("posteingang");
        using var address = new InboxAddress(navigation);
        var heard = new List<InboxView>();
        address.Changed += heard.Add;

        var first = new InboxView { Selected = "E-2026-0000001" };
        var second = new InboxView { Selected = "E-2026-0000002" };
        address.Show(first, replace: true);
        address.Show(second, replace: true);
        address.Show(second, replace: true); // already there: no navigation
        Assert.Empty(heard);
        Assert.Equal(second, address.Current);

        navigation.NavigateTo(first.ToUri()); // Back, or an edited address
        Assert.Equal(first, Assert.Single(heard));

        address.Leave("vorgaenge/7");
        address.Show(second, replace: false); // an action finishing late must not bring the clerk back
        Assert.EndsWith("vorgaenge/7", navigation.Uri);
        Assert.Single(heard);
    }
}
