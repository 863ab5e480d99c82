using Microsoft.Playwright;

namespace SensorChain.Web.Tests.Support;

/// <summary>Small page helpers for the browser tests.</summary>
public static class Pages
{
    public static async Task<IPage> SignInAsync(IBrowser browser, WebTestHost host, string username, int width = 1200)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseUrl, ViewportSize = new ViewportSize { Width = width, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("Password").FillAsync(host.User(username).Password);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator("#whoami")).ToContainTextAsync(host.User(username).DisplayName);
        return page;
    }
}
