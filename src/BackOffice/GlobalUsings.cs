// The shared vocabulary (German labels, who may take work, inbox news, the portal's form) and the technical helpers
// are open to every area (see FeatureDirectionTests); features name each other with explicit usings.
global using BackOffice.Infrastructure;
global using BackOffice.Shared;
