{{%AUTOESCAPE context="HTML"}}
{{! GET /docs/{lang}/{slug} : content elements carry the guide's language (DOC_LANG); BODY is safe HTML from markdown/. }}
<nav aria-label="{{T_nav_breadcrumb}}"><a href="{{HOME_URL}}">{{T_nav_home}}</a> › <a href="{{TOPIC_URL}}">{{TOPIC_NAME}}</a></nav>
<h1 lang="{{DOC_LANG}}">{{TITLE}}</h1>
{{#SUMMARY}}<p lang="{{DOC_LANG}}">{{TEXT}}</p>{{/SUMMARY}}
{{#TRANSLATIONS}}<p>{{T_guide_also_in}} {{#TR}}<a href="{{URL}}" hreflang="{{CODE}}" lang="{{CODE}}">{{NAME}}</a>{{#TR_separator}}, {{/TR_separator}}{{/TR}}</p>{{/TRANSLATIONS}}
{{#ATTACHMENTS}}<h2>{{T_guide_downloads}}</h2>
<ul class="files">{{#FILE}}<li><a href="{{URL}}" lang="{{DOC_LANG}}">{{TITLE}}</a>{{#SIZE}}<br><small>{{TEXT}} · {{TIME}}</small>{{/SIZE}}</li>{{/FILE}}</ul>{{/ATTACHMENTS}}
<div class="body" lang="{{DOC_LANG}}">{{BODY:none}}</div>
<h2>{{T_guide_about}}</h2>
<dl class="meta">
<dt>{{T_guide_topic}}</dt><dd><a href="{{TOPIC_URL}}">{{TOPIC_NAME}}</a></dd>
<dt>{{T_guide_language}}</dt><dd>{{LANGUAGE}}</dd>
{{#PUBLISHED}}<dt>{{T_guide_published}}</dt><dd><time datetime="{{ISO}}">{{TEXT}}</time></dd>{{/PUBLISHED}}
{{#FACET}}<dt>{{LABEL}}</dt><dd>{{TEXT}}</dd>{{/FACET}}
</dl>
{{#SOURCES}}<h2>{{T_guide_sources}}</h2>
<ul lang="{{DOC_LANG}}">{{#SOURCE}}<li>{{TEXT}}</li>{{/SOURCE}}</ul>{{/SOURCES}}
{{#RELATED}}<h2>{{T_guide_related}}</h2>
{{>LIST}}{{/RELATED}}
