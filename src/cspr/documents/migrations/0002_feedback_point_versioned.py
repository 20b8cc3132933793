from django.db import migrations, models


class Migration(migrations.Migration):
    """A feedback point is edited (its response), so it carries an edit version like every
    editable record; the report version it is about becomes ``report_version``."""

    dependencies = [
        ("documents", "0001_initial"),
    ]

    operations = [
        migrations.RenameField(
            model_name="feedbackpoint", old_name="version", new_name="report_version"
        ),
        migrations.AddField(
            model_name="feedbackpoint",
            name="version",
            field=models.PositiveIntegerField(default=1),
        ),
    ]
