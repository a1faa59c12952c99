"""incidentio-toolkit."""
