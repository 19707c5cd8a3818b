"""The panel's six steps, one small widget each: Område, Underlag, Analys, Scenario, Planområde, Export."""
