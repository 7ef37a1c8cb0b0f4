# A party name's documents from one index (party, then document): the foreign key's own index
# on the party alone is replaced by it. On SQLite the index holds the party only.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_word_pairs"),
    ]

    operations = [
        migrations.AlterField(
            model_name="documentfacets",
            name="party",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="filings.party",
            ),
        ),
        migrations.AddIndex(
            model_name="documentfacets",
            index=models.Index(fields=["party"], include=("document",), name="search_facets_party"),
        ),
    ]
