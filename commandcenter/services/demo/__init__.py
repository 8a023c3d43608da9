"""The Xuhui demo district: territory, departments, people, cameras, case history."""
