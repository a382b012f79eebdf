// The app's shared vocabulary (German labels, outcomes, inbox news), as the app's own code sees it.
global using BackOffice.Infrastructure;
global using BackOffice.Shared;
